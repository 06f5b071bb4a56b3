// `start_job` moves its job into the thread it starts (`fl_move(job)`), so after the call the
// thread owns it; the caller's read of `job->name` may race with the thread freeing it.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include "../../annotations/fearless.h"

struct job {
    char name[32];
    int steps;
};

static void *run_job(void *arg)
{
    struct job *job = arg;
    for (int i = 0; i < job->steps; i++)
        ;
    free(job);
    return NULL;
}

static int start_job(struct job *job)
{
    pthread_t t;
    int rc = pthread_create(&t, NULL, run_job, fl_move(job));
    if (rc == 0)
        pthread_detach(t);
    return rc;
}

void launch(struct job *job)
{
    if (start_job(job) != 0)
        return;
    printf("started %s\n", job->name); //~ ERROR use-after-move
}
