// An adaptive mutex only spins before sleeping: locking it twice still deadlocks.
#define _GNU_SOURCE
#include <pthread.h>

static pthread_mutex_t cache_mu = PTHREAD_ADAPTIVE_MUTEX_INITIALIZER_NP;
static int cache_hits;

void cache_hit(void)
{
    pthread_mutex_lock(&cache_mu);
    cache_hits++;
    pthread_mutex_lock(&cache_mu); //~ ERROR double-lock
    cache_hits++;
    pthread_mutex_unlock(&cache_mu);
}
