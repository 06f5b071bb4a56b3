// The join happens only when `wait` is set: otherwise main reads while the thread may write.
#include <pthread.h>

static int result;

static void *compute(void *arg)
{
    (void)arg;
    result = 42; //~ ERROR data-race
    return NULL;
}

int run(int wait)
{
    pthread_t t;
    pthread_create(&t, NULL, compute, NULL);
    if (wait)
        pthread_join(t, NULL);
    return result;
}
