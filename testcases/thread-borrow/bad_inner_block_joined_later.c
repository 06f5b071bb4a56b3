// `scratch` dies at the end of the inner block; the join comes after it.
#include <pthread.h>

static void *clear(void *arg)
{
    ((int *)arg)[0] = 0;
    return NULL;
}

void reset(void)
{
    pthread_t t;
    {
        int scratch[16];
        pthread_create(&t, NULL, clear, scratch); //~ ERROR thread-borrow
    }
    pthread_join(t, NULL);
}
