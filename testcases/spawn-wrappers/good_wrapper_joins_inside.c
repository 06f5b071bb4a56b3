// `run_in_thread` joins the thread it starts before returning, so callers may pass stack
// addresses: the thread is over when the call returns.
#include <pthread.h>

static int run_in_thread(void *(*fn)(void *), void *arg)
{
    pthread_t t;
    if (pthread_create(&t, NULL, fn, arg) != 0)
        return -1;
    return pthread_join(t, NULL);
}

static void *fill(void *arg)
{
    int *buf = arg;
    for (int i = 0; i < 16; i++)
        buf[i] = i * i;
    return NULL;
}

int sum_of_squares(void)
{
    int buf[16];
    if (run_in_thread(fill, buf) != 0)
        return -1;
    int s = 0;
    for (int i = 0; i < 16; i++)
        s += buf[i];
    return s;
}
