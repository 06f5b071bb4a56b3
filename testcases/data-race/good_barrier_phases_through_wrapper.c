// Each worker fills its own slot, waits for the others through the project's wrapper around
// the barrier, then reads every slot: the wait may fall anywhere in the worker as far as the
// wrapper's callers go, so the phases keep the reads after the writes and nothing is reported.
#include <pthread.h>

#define NWORKERS 4

static pthread_barrier_t phase;
static long partial[NWORKERS];

static void sync_all(void)
{
    pthread_barrier_wait(&phase);
}

static void *worker(void *arg)
{
    long id = (long)arg;
    partial[id] = id * id;
    sync_all();
    long sum = 0;
    for (int i = 0; i < NWORKERS; i++)
        sum += partial[i];
    return (void *)sum;
}

int main(void)
{
    pthread_t t[NWORKERS];
    pthread_barrier_init(&phase, NULL, NWORKERS);
    for (long i = 0; i < NWORKERS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(t[i], NULL);
    return 0;
}
