// `pool_spawn` has no body here; its annotations in include/pool.h say it starts `fn(arg)`
// and stores the handle in `*t`. Nothing joins `t` before `stats` dies.
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
    if (pool_spawn(&t, collect, &stats) != 0) //~ ERROR thread-borrow
        return;
    printf("collecting\n");
}
