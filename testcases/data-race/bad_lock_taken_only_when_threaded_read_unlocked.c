// The same helper locks when the program is threaded, but main also reads the total outside
// it while the worker may run.
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long stats_total;
static int threaded;

static void stats_add(long n)
{
    if (threaded)
        pthread_mutex_lock(&stats_mu);
    stats_total += n; //~ ERROR data-race
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
    printf("%ld\n", stats_total);
    if (threaded)
        pthread_join(t, NULL);
    return 0;
}
