// A flag remembers whether the lock was taken; the unlock is guarded by it.
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long stats_total;

void stats_add(long n, bool shared)
{
    bool locked = false;
    if (shared) {
        pthread_mutex_lock(&stats_mu);
        locked = true;
    }
    stats_total += n;
    if (locked)
        pthread_mutex_unlock(&stats_mu);
}
