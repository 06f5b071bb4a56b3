// As bad_fnptr_ops_struct.c, but the handler and main both write under the same mutex.
#include <pthread.h>

struct msg { int kind; };

struct ops {
    void (*on_message)(struct msg *m);
};

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int received;

static void on_message(struct msg *m)
{
    pthread_mutex_lock(&mu);
    received = m->kind;
    pthread_mutex_unlock(&mu);
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
    pthread_create(&t, NULL, listener, &ops);
    pthread_mutex_lock(&mu);
    received = 0;
    pthread_mutex_unlock(&mu);
    pthread_join(t, NULL);
    return 0;
}
