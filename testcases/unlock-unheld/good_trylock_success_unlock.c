// Unlock only on the branch where trylock succeeded.
#include <pthread.h>

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static int cache_hits, cache_misses;

void cache_touch(void)
{
    int rc = pthread_mutex_trylock(&cache_mu);
    if (rc == 0) {
        cache_hits++;
        pthread_mutex_unlock(&cache_mu);
    } else {
        __atomic_fetch_add(&cache_misses, 1, __ATOMIC_RELAXED);
    }
}
