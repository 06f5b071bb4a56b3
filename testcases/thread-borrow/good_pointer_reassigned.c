// `buf` pointed at the stack once, but holds heap memory when the thread starts.
#include <pthread.h>
#include <stdlib.h>

static void *fill(void *arg)
{
    free(arg);
    return NULL;
}

void produce(void)
{
    char line[128];
    char *buf = line;
    buf[0] = 0;
    buf = malloc(128);
    if (!buf)
        return;
    pthread_t t;
    pthread_create(&t, NULL, fill, buf);
    pthread_detach(t);
}
