// Two workers get the same array as their argument and both walk all of it.
#include <pthread.h>

static long hist[16];

static void *worker(void *arg)
{
    long *h = arg;
    for (int i = 0; i < 16; i++)
        h[i]++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, hist);
    pthread_create(&b, NULL, worker, hist);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)hist[0];
}
