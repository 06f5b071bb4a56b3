// The annotated prototypes of include/pool.h: `pool_join(t)` joins the thread `pool_spawn`
// started, before `stats` dies.
#include <stdio.h>
#include "include/pool.h"

struct stats {
    long requests;
    long errors;
};

static void *collect(void *arg)
{
    struct stats *s = arg;
    s->requests++;
    return NULL;
}

void report_stats(void)
{
    struct stats stats = {0, 0};
    pthread_t t;
    if (pool_spawn(&t, collect, &stats) != 0)
        return;
    pool_join(t);
    printf("%ld requests\n", stats.requests);
}
