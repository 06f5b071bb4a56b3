// A local pointer holding the address of a local is just as bad as `&local`.
#include <pthread.h>

static void *fill(void *arg)
{
    char *buf = arg;
    buf[0] = 'x';
    return NULL;
}

void produce(void)
{
    char line[128];
    char *cursor = line;
    pthread_t t;
    pthread_create(&t, NULL, fill, cursor); //~ ERROR thread-borrow
}
