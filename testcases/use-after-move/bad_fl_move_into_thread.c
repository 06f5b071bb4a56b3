// A job is moved into the thread that runs it; reading it afterwards races with that thread,
// which frees it when it is done.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "../../annotations/fearless.h"

struct job {
    int id;
    char name[32];
};

static void *run_job(void *arg)
{
    struct job *job = arg;
    printf("running %s\n", job->name);
    free(job);
    return NULL;
}

int start_job(int id)
{
    struct job *job = malloc(sizeof *job);
    if (!job)
        return -1;
    job->id = id;
    snprintf(job->name, sizeof job->name, "job-%d", id);
    pthread_t t;
    if (pthread_create(&t, NULL, run_job, fl_move(job)) != 0)
        return -1;
    pthread_detach(t);
    printf("started job %d\n", job->id); //~ ERROR use-after-move
    return 0;
}
