// A read lock taken again under a read lock: rwlocks admit several readers.
#include <pthread.h>

struct config {
    pthread_rwlock_t rw;
    int port;
    int workers;
};

static int config_port(struct config *c)
{
    pthread_rwlock_rdlock(&c->rw);
    int p = c->port;
    pthread_rwlock_unlock(&c->rw);
    return p;
}

int config_describe(struct config *c)
{
    pthread_rwlock_rdlock(&c->rw);
    pthread_rwlock_rdlock(&c->rw);
    int w = c->workers;
    pthread_rwlock_unlock(&c->rw);
    pthread_rwlock_unlock(&c->rw);
    return config_port(c) * 100 + w;
}
