// `&results[2]` points into the local array `results`.
#include <pthread.h>

static void *compute(void *arg)
{
    *(long *)arg = 42;
    return NULL;
}

long run_third(void)
{
    long results[4] = {0};
    pthread_t t;
    pthread_create(&t, NULL, compute, &results[2]); //~ ERROR thread-borrow
    return results[0];
}
