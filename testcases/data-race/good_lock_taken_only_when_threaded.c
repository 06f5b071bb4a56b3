// A mode flag set in main before any thread decides both whether the worker is started and
// whether the shared helper locks: wherever the worker runs, the flag is set, so every caller
// of the helper holds the lock while the worker may run.
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long stats_total;
static int threaded;

static void stats_add(long n)
{
    if (threaded)
        pthread_mutex_lock(&stats_mu);
    stats_total += n;
    if (threaded)
        pthread_mutex_unlock(&stats_mu);
}

static void *worker(void *arg)
{
    (void)arg;
    stats_add(2);
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t t;
    (void)argv;
    threaded = argc > 1;
    if (threaded)
        pthread_create(&t, NULL, worker, NULL);
    stats_add(1);
    if (threaded)
        pthread_join(t, NULL);
    return (int)stats_total;
}
