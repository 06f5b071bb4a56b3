// The cache is torn down with its lock still held: destroying a locked mutex is undefined, and
// a thread that waits for it never gets it.
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
    pthread_mutex_destroy(&c->lock); //~ ERROR lock-leak
}
