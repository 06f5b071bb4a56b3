// `stats_flush(true)` tells the helper its caller holds `stats_mu`, but `worker` has already
// given it back: the helper's unlock then releases a lock nobody holds. The report is at the call.
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long pending, flushed;

static void stats_flush(bool held)
{
    if (!held)
        pthread_mutex_lock(&stats_mu);
    flushed += pending; //~ ERROR data-race
    pending = 0; //~ ERROR data-race
    pthread_mutex_unlock(&stats_mu);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&stats_mu);
        pending++;
        pthread_mutex_unlock(&stats_mu);
        if (i % 64 == 0)
            stats_flush(true); //~ ERROR unlock-unheld
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
