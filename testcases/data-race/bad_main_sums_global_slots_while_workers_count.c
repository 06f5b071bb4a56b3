// Each worker counts in its own element of a global array, and main sums the array before it
// joins them: main reads every slot while its worker may still write it.
#include <pthread.h>

#define NWORKERS 4

struct stats {
    long ops;
} stats[NWORKERS];

static void *worker(void *arg)
{
    struct stats *s = arg;
    for (int i = 0; i < 1000; i++)
        s->ops++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t t[NWORKERS];
    for (int i = 0; i < NWORKERS; i++)
        pthread_create(&t[i], NULL, worker, &stats[i]);
    long sum = 0;
    for (int i = 0; i < NWORKERS; i++)
        sum += stats[i].ops;
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(t[i], NULL);
    return (int)sum;
}
