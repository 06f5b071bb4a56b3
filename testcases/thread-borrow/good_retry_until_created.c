// Retrying while creation fails: only the success edge leaves the loop.
#include <pthread.h>
#include <unistd.h>

static void *work(void *arg)
{
    return arg;
}

void start_with_retry(void)
{
    int state = 0;
    pthread_t t;
    while (pthread_create(&t, NULL, work, &state) != 0)
        sleep(1);
    pthread_join(t, NULL);
}
