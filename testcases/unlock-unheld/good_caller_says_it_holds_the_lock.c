// `held` is the caller's word on whether it holds `stats_mu`: `stats_flush(true)` is called
// with the lock held, so the unlock gives back the caller's lock, and `stats_flush(false)`
// takes and gives back its own. Neither unlock is of a lock nobody holds.
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long pending, flushed;

static void stats_flush(bool held)
{
    if (!held)
        pthread_mutex_lock(&stats_mu);
    flushed += pending;
    pending = 0;
    pthread_mutex_unlock(&stats_mu);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&stats_mu);
        if (++pending < 64) {
            pthread_mutex_unlock(&stats_mu);
            continue;
        }
        stats_flush(true);
    }
    stats_flush(false);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)flushed;
}
