// The lock is given back before it is destroyed.
#include <pthread.h>
#include <stdlib.h>

struct cache {
    pthread_mutex_t lock;
    int *slots;
};

void cache_free(struct cache *c)
{
    pthread_mutex_lock(&c->lock);
    free(c->slots);
    c->slots = NULL;
    pthread_mutex_unlock(&c->lock);
    pthread_mutex_destroy(&c->lock);
}
