// A spawn wrapper that moves its `void *` argument into the thread: the wrapper cannot see the
// type, the call site can, and is where the report goes.
#include <pthread.h>
#include <stdlib.h>

#include "include/gl.h"

struct present_job {
    int frame;
    gl_context_t *gl;
};

static int spawn_owned(pthread_t *t, void *(*fn)(void *), void *arg)
{
    return pthread_create(t, NULL, fn, fl_move(arg));
}

static void *present(void *arg)
{
    struct present_job *job = arg;
    gl_draw(job->gl, job->frame);
    free(job);
    return NULL;
}

int present_async(int frame, pthread_t *t)
{
    struct present_job *job = malloc(sizeof *job);
    if (!job)
        return -1;
    job->frame = frame;
    job->gl = gl_current();
    return spawn_owned(t, present, job); //~ ERROR not-send
}
