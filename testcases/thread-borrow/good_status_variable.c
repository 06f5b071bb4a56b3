// The status is kept in a variable and tested later.
#include <pthread.h>

static void *sample(void *arg)
{
    return arg;
}

int take_sample(void)
{
    int value = 0;
    pthread_t t;
    int rc = pthread_create(&t, NULL, sample, &value);
    if (rc)
        return rc;
    pthread_join(t, NULL);
    return value;
}
