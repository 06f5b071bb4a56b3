#include <pthread.h>
#include "stats.h"

static void *worker(void *arg)
{
    (void)arg;
    stats_get()->hits++;
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)stats_get()->hits;
}
