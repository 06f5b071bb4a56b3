// C11 threads: thrd_create with fl_move hands the object over just like pthread_create.
#include <stdlib.h>
#include <threads.h>

#include "../../annotations/fearless.h"

struct NOT_SEND locale_cache {
    char names[16][32];
};

struct format_job {
    double value;
    struct locale_cache *loc;
};

static int format_in_background(void *arg)
{
    free(arg);
    return 0;
}

int format_async(struct locale_cache *loc, double v, thrd_t *t)
{
    struct format_job *job = malloc(sizeof *job);
    if (!job)
        return thrd_error;
    job->value = v;
    job->loc = loc;
    return thrd_create(t, format_in_background, fl_move(job)); //~ ERROR not-send
}
