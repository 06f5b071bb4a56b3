// A per-thread allocation cache is NOT_SEND itself: moving it into a worker is reported at the
// argument, with the annotation as the reason.
#include <pthread.h>
#include <stdlib.h>

#include "../../annotations/fearless.h"

struct NOT_SEND alloc_cache {
    void *free_list[64];
    int nfree;
};

static void *worker(void *arg)
{
    struct alloc_cache *cache = arg;
    cache->nfree = 0;
    free(cache);
    return NULL;
}

int start_worker(pthread_t *t)
{
    struct alloc_cache *cache = calloc(1, sizeof *cache);
    if (!cache)
        return -1;
    return pthread_create(t, NULL, worker, fl_move(cache)); //~ ERROR not-send
}
