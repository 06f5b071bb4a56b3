// The workers count requests with an atomic add; `main` reads the counter plainly for a progress
// line while they run. Only a plain write would lose an update: a read of a word the others
// update atomically is left alone.
#include <pthread.h>
#include <stdio.h>

static long requests;

static void *worker(void *arg)
{
    for (int i = 0; i < 1000; i++)
        __atomic_fetch_add(&requests, 1, __ATOMIC_RELAXED);
    return arg;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    printf("%ld so far\n", requests);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
