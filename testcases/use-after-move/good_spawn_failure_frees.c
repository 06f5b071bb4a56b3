// If pthread_create fails no thread received the job: freeing it on that branch is right.
#include <pthread.h>
#include <stdlib.h>

#include "../../annotations/fearless.h"

struct job {
    int id;
};

static void *run(void *arg)
{
    free(arg);
    return NULL;
}

int start(pthread_t *t, int id)
{
    struct job *job = malloc(sizeof *job);
    if (!job)
        return -1;
    job->id = id;
    if (pthread_create(t, NULL, run, fl_move(job)) != 0) {
        free(job);
        return -1;
    }
    return 0;
}

int start_status(pthread_t *t, int id)
{
    struct job *job = malloc(sizeof *job);
    if (!job)
        return -1;
    job->id = id;
    int rc = pthread_create(t, NULL, run, fl_move(job));
    if (rc) {
        free(job);
        return -1;
    }
    return 0;
}
