// The buffer a global pointer holds is walked from 0 by each worker: every worker updates every
// element, without a lock.
#include <pthread.h>
#include <stdlib.h>

#define N 8
static int *histogram;

static void *count(void *arg)
{
    (void)arg;
    for (int i = 0; i < N; i++)
        histogram[i] += 1; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    histogram = calloc(N, sizeof *histogram);
    if (!histogram)
        return 1;
    pthread_t a, b;
    pthread_create(&a, NULL, count, NULL);
    pthread_create(&b, NULL, count, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    free(histogram);
    return 0;
}
