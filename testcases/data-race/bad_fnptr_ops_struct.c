// The thread calls its handler through a struct of function pointers; the handler writes a
// global that main also writes, with no lock on either side.
#include <pthread.h>

struct msg { int kind; };

struct ops {
    void (*on_message)(struct msg *m);
    int (*count)(void);
};

static int received;

static void on_message(struct msg *m)
{
    received = m->kind; //~ ERROR data-race
}

static int count(void)
{
    return 1;
}

static void *listener(void *arg)
{
    struct ops *ops = arg;
    struct msg m = {1};
    ops->on_message(&m);
    return NULL;
}

int main(void)
{
    struct ops ops;
    ops.on_message = on_message;
    ops.count = count;
    pthread_t t;
    pthread_create(&t, NULL, listener, &ops);
    received = 0;
    pthread_join(t, NULL);
    return ops.count();
}
