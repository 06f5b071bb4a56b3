// A local array passed by name decays to the address of its first element.
#include <pthread.h>
#include <stdio.h>

static void *sum_samples(void *arg)
{
    double *samples = arg, total = 0;
    for (int i = 0; i < 64; i++)
        total += samples[i];
    printf("%f\n", total);
    return NULL;
}

void analyze(void)
{
    double samples[64] = {0};
    pthread_t t;
    pthread_create(&t, NULL, sum_samples, samples); //~ ERROR thread-borrow
}
