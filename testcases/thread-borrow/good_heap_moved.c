// Heap data moved into the thread: the thread owns it, nothing on the stack is borrowed.
#include <pthread.h>
#include <stdlib.h>

#include "../../annotations/fearless.h"

struct job {
    int id;
};

static void *run_job(void *arg)
{
    struct job *job = arg;
    free(job);
    return NULL;
}

int submit(int id)
{
    struct job *job = malloc(sizeof *job);
    if (!job)
        return -1;
    job->id = id;
    pthread_t t;
    if (pthread_create(&t, NULL, run_job, fl_move(job)) != 0)
        return -1;
    pthread_detach(t);
    return 0;
}
