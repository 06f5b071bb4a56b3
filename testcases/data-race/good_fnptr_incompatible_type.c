// The thread calls `void (*)(struct msg *)`; the only address-taken function that writes the
// global takes a `struct other *` (or returns int), so it is not a target of that call.
#include <pthread.h>

struct msg { int kind; };
struct other { int x; };

static int received;

static void on_message(struct msg *m)
{
    (void)m;
}

static void on_other(struct other *o)
{
    received = o->x;
}

static int on_message_counted(struct msg *m)
{
    received = m->kind;
    return 1;
}

static void (*handler)(struct msg *);

static void *listener(void *arg)
{
    struct msg m = {1};
    (void)arg;
    handler(&m);
    return NULL;
}

int main(void)
{
    struct other o = {2};
    struct msg m = {3};
    void (*other_cb)(struct other *) = on_other;
    int (*counted)(struct msg *) = on_message_counted;
    handler = on_message;
    pthread_t t;
    pthread_create(&t, NULL, listener, NULL);
    received = 0;
    pthread_join(t, NULL);
    other_cb(&o);
    return counted(&m);
}
