// Each worker walks the array it was given: two arrays, one per thread.
#include <pthread.h>

static long hist_a[16], hist_b[16];

static void *worker(void *arg)
{
    long *h = arg;
    for (int i = 0; i < 16; i++)
        h[i]++;
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, hist_a);
    pthread_create(&b, NULL, worker, hist_b);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)(hist_a[0] + hist_b[0]);
}
