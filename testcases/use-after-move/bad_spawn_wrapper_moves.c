// start_worker takes its job with FL_MOVE and hands it to a detached thread: the caller's
// later read races with the thread that frees it.
#include <pthread.h>
#include <stdio.h>
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

static int start_worker(struct job *FL_MOVE job)
{
    pthread_t t;
    if (pthread_create(&t, NULL, worker, fl_move(job)) != 0)
        return -1;
    return pthread_detach(t);
}

void launch(int id)
{
    struct job *job = malloc(sizeof *job);
    if (!job)
        return;
    job->id = id;
    start_worker(job);
    printf("launched %d\n", job->id); //~ ERROR use-after-move
}
