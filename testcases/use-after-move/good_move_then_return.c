// The job is moved as the last thing the function does with it.
#include <pthread.h>
#include <stdlib.h>

#include "../../annotations/fearless.h"

struct job {
    int id;
};

static void *worker(void *arg)
{
    free(arg);
    return NULL;
}

int spawn_worker(pthread_t *t, int id)
{
    struct job *job = malloc(sizeof *job);
    if (!job)
        return -1;
    job->id = id;
    return pthread_create(t, NULL, worker, fl_move(job));
}
