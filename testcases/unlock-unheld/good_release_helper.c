// A function that only unlocks the lock its caller took is a release helper, not a bug.
#include <pthread.h>

struct conn {
    pthread_mutex_t mu;
    int refs;
};

static void conn_put(struct conn *c)
{
    c->refs--;
    pthread_mutex_unlock(&c->mu);
}

void conn_use(struct conn *c)
{
    pthread_mutex_lock(&c->mu);
    c->refs++;
    conn_put(c);
}
