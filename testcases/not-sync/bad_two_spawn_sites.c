// Two different threads are handed the same cache at two spawn sites.
#include <pthread.h>

#include "../../annotations/fearless.h"

struct NOT_SYNC lru_cache {
    int keys[128];
    int used;
};

static void *prefetch(void *arg)
{
    struct lru_cache *c = arg;
    c->used++; //~ ERROR data-race
    return NULL;
}

static void *evict(void *arg)
{
    struct lru_cache *c = arg;
    c->used = 0;
    return NULL;
}

int maintain(struct lru_cache *cache)
{
    pthread_t a, b;
    if (pthread_create(&a, NULL, prefetch, cache) != 0) //~ ERROR not-sync
        return -1;
    if (pthread_create(&b, NULL, evict, cache) != 0) { /* the same pair: labelled in the report above */
        pthread_join(a, NULL);
        return -1;
    }
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
