// The same listener without the lock around the indirect call: the handler's write
// races with main's locked write, because only main holds `mu`.
#include <pthread.h>

struct msg {
    int kind;
};

struct ops {
    void (*on_message)(struct msg *m);
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int received;

static void on_message(struct msg *m)
{
    received = m->kind; //~ ERROR data-race
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
    pthread_t t;
    if (pthread_create(&t, NULL, listener, &ops) != 0)
        return 1;
    pthread_mutex_lock(&mu);
    received = 0;
    pthread_mutex_unlock(&mu);
    pthread_join(t, NULL);
    return 0;
}
