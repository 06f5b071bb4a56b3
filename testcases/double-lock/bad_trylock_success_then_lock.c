// The fast path takes the lock with trylock and then, on success, locks it again.
#include <pthread.h>

static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static int cache_hits;

void cache_touch(void)
{
    if (pthread_mutex_trylock(&cache_mu) == 0) {
        pthread_mutex_lock(&cache_mu); //~ ERROR double-lock
        cache_hits++;
        pthread_mutex_unlock(&cache_mu);
    }
}
