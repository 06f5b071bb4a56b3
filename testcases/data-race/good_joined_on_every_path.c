// Both branches join the thread before the result is read.
#include <pthread.h>
#include <stdio.h>

static int result;

static void *compute(void *arg)
{
    (void)arg;
    result = 7;
    return NULL;
}

int run(int verbose)
{
    pthread_t t;
    pthread_create(&t, NULL, compute, NULL);
    if (verbose) {
        puts("waiting");
        pthread_join(t, NULL);
    } else {
        pthread_join(t, NULL);
    }
    return result;
}
