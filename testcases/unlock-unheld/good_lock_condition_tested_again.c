// `opts.sync` decides the lock, and is tested again before the unlock: the path that skipped the
// lock leaves before it. fearless cannot follow a field of a global through the branches, and the
// unlock itself runs after a join of paths; a condition tested more than once keeps it silent.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t total_mu = PTHREAD_MUTEX_INITIALIZER;
static struct { int sync; int verbose; } opts;
static long total;

static void *adder(void *arg)
{
    if (opts.sync)
        pthread_mutex_lock(&total_mu);
    total += (long)arg;
    if (!opts.sync)
        return NULL;
    if (opts.verbose)
        printf("total %ld\n", total);
    pthread_mutex_unlock(&total_mu);
    return NULL;
}

int main(void)
{
    pthread_t t;
    opts.sync = 1;
    pthread_create(&t, NULL, adder, (void *)1L);
    pthread_join(t, NULL);
    return 0;
}
