// The worker frees its context when it stops; main uses the context only to ask it to stop, while
// the worker still runs (whether that flag is a race is data-race's business), and not after the
// join.
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct ctx {
    atomic_int stop;
    long rounds;
};

static void *worker(void *arg)
{
    struct ctx *c = arg;
    while (!atomic_load(&c->stop))
        c->rounds++;
    free(c);
    return NULL;
}

int main(void)
{
    struct ctx *c = calloc(1, sizeof *c);
    if (!c)
        return 1;
    pthread_t t;
    pthread_create(&t, NULL, worker, c);
    atomic_store(&c->stop, 1);
    pthread_join(t, NULL);
    return 0;
}
