// Every worker waits at a start barrier, then updates the peak without a lock: the barrier
// orders what came before it with what comes after it, not two workers' updates after it.
#include <pthread.h>

#define NWORKERS 4

static pthread_barrier_t start;
static long peak;

static void record(long v)
{
    if (v > peak)
        peak = v; //~ ERROR data-race
}

static void *worker(void *arg)
{
    long seed = (long)arg;
    pthread_barrier_wait(&start);
    for (int i = 0; i < 1000; i++)
        record((seed * 7919 + i) % 20000);
    return NULL;
}

int main(void)
{
    pthread_t t[NWORKERS];
    pthread_barrier_init(&start, NULL, NWORKERS);
    for (long i = 0; i < NWORKERS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&start);
    return (int)peak;
}
