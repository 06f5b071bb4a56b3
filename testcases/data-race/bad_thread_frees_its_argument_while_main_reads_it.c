// The worker counts rounds until it sees the stop flag, then frees its context; main reads the
// count after raising the flag, while the worker may still count, or may already have freed it.
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
        c->rounds++; //~ ERROR data-race
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
    long seen = c->rounds;
    pthread_join(t, NULL);
    return (int)seen;
}
