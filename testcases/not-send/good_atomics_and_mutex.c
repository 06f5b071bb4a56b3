// Atomics and synchronization objects are Send and Sync: a job carrying them may be moved.
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "../../annotations/fearless.h"

struct progress {
    pthread_mutex_t mu;
    pthread_cond_t done_cv;
    atomic_long bytes;
    _Atomic int done;
};

static void *copy_file(void *arg)
{
    struct progress *p = arg;
    atomic_store(&p->done, 1);
    free(p);
    return NULL;
}

int copy_async(pthread_t *t)
{
    struct progress *p = calloc(1, sizeof *p);
    if (!p)
        return -1;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->done_cv, NULL);
    return pthread_create(t, NULL, copy_file, fl_move(p));
}
