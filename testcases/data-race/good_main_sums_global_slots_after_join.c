// Each worker counts in its own element of a global array; main sums them after joining all.
#include <pthread.h>

#define NWORKERS 4

struct stats {
    long ops;
} stats[NWORKERS];

static void *worker(void *arg)
{
    struct stats *s = arg;
    for (int i = 0; i < 1000; i++)
        s->ops++;
    return NULL;
}

int main(void)
{
    pthread_t t[NWORKERS];
    for (int i = 0; i < NWORKERS; i++)
        pthread_create(&t[i], NULL, worker, &stats[i]);
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(t[i], NULL);
    long sum = 0;
    for (int i = 0; i < NWORKERS; i++)
        sum += stats[i].ops;
    return (int)sum;
}
