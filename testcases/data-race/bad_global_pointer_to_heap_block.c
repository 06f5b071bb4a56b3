// A global pointer set before the thread starts names one heap block: both threads write it.
#include <pthread.h>
#include <stdlib.h>

static char *buf;

static void *worker(void *arg)
{
    (void)arg;
    buf[0] = 1; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t t;
    buf = malloc(16);
    if (!buf)
        return 1;
    pthread_create(&t, NULL, worker, NULL);
    buf[0] = 2;
    pthread_join(t, NULL);
    free(buf);
    return 0;
}
