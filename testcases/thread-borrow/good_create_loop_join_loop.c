// The usual pattern: create in a loop into t[i], join in a later loop over t.
#include <pthread.h>

#define NWORKERS 8

static void *work(void *arg)
{
    (*(int *)arg) *= 2;
    return NULL;
}

int run_workers(void)
{
    pthread_t t[NWORKERS];
    int slots[NWORKERS];
    for (int i = 0; i < NWORKERS; i++) {
        slots[i] = i;
        pthread_create(&t[i], NULL, work, &slots[i]);
    }
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(t[i], NULL);
    int sum = 0;
    for (int i = 0; i < NWORKERS; i++)
        sum += slots[i];
    return sum;
}
