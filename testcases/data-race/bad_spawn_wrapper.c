// The thread is started through a wrapper; it still runs beside main.
#include <pthread.h>
#include <stdlib.h>

static int ready;

static void start(pthread_t *t, void *(*fn)(void *), void *arg)
{
    if (pthread_create(t, NULL, fn, arg) != 0)
        abort();
}

static void *init_worker(void *arg)
{
    (void)arg;
    ready = 1; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t t;
    start(&t, init_worker, NULL);
    while (!ready)
        ;
    pthread_join(t, NULL);
    return 0;
}
