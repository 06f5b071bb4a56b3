// Only the worker touches the global, but the worker is started several times at once.
#include <pthread.h>

#include "../../annotations/fearless.h"

struct NOT_SYNC histogram {
    long buckets[64];
};

static struct histogram latency;

static void *measure(void *arg)
{
    long us = (long)arg;
    latency.buckets[us % 64]++; //~ ERROR not-sync
    return NULL;
}

void run_probes(void)
{
    pthread_t t[8];
    for (long i = 0; i < 8; i++)
        pthread_create(&t[i], NULL, measure, (void *)i);
    for (int i = 0; i < 8; i++)
        pthread_join(t[i], NULL);
}
