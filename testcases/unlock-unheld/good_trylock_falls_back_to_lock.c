// A trylock whose failure falls back to the blocking lock: both ways the test goes, the lock is
// held when the code reaches the unlock.
#include <pthread.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long contended, hits;

void stats_hit(void)
{
    int rc = pthread_mutex_trylock(&stats_mu);
    if (rc != 0) {
        pthread_mutex_lock(&stats_mu);
        contended++;
    }
    hits++;
    pthread_mutex_unlock(&stats_mu);
}
