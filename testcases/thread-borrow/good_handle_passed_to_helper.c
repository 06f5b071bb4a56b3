// A helper that receives the handle may join it; the check stays silent.
#include <pthread.h>

void wait_for_worker(pthread_t t);

static void *work(void *arg)
{
    return arg;
}

void run_and_wait(void)
{
    int input = 7;
    pthread_t t;
    pthread_create(&t, NULL, work, &input);
    wait_for_worker(t);
}
