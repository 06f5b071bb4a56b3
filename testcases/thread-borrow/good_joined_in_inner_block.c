// The join happens inside the block that owns `scratch`.
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
        pthread_create(&t, NULL, clear, scratch);
        pthread_join(t, NULL);
    }
}
