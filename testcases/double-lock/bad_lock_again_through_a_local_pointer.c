// `mu` points to `c->lock` all through the function: locking it after `c->lock` is taken locks
// the same mutex twice.
#include <pthread.h>

struct conn {
    pthread_mutex_t lock;
    int refs;
};

void conn_ref(struct conn *c)
{
    pthread_mutex_t *mu = &c->lock;
    pthread_mutex_lock(&c->lock);
    c->refs++;
    pthread_mutex_lock(mu); //~ ERROR double-lock
    pthread_mutex_unlock(mu);
}
