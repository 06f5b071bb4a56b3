// The listener thread calls its message handler through a function pointer while
// holding `mu`; main writes `received` under the same lock. The handler is entered
// with the lock held, as it would be through a direct call.
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
    received = m->kind;
}

static void *listener(void *arg)
{
    struct ops *ops = arg;
    struct msg m = {1};
    pthread_mutex_lock(&mu);
    ops->on_message(&m);
    pthread_mutex_unlock(&mu);
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
