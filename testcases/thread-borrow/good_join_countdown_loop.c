// Joining with a countdown loop over the handle array.
#include <pthread.h>

static void *work(void *arg)
{
    return arg;
}

void run(int n)
{
    pthread_t t[8];
    int ids[8];
    if (n > 8)
        n = 8;
    int started = 0;
    while (started < n) {
        ids[started] = started;
        pthread_create(&t[started], NULL, work, &ids[started]);
        started++;
    }
    while (started--)
        pthread_join(t[started], NULL);
}
