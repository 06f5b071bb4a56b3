// A render job moved into a thread carries the GL context of the spawning thread (declared
// NOT_SEND in include/gl.h): the job cannot change thread.
#include <pthread.h>
#include <stdlib.h>

#include "include/gl.h"

struct render_job {
    int frame;
    gl_context_t *gl;
};

static void *render(void *arg)
{
    struct render_job *job = arg;
    gl_draw(job->gl, job->frame);
    free(job);
    return NULL;
}

int render_async(int frame, pthread_t *out)
{
    struct render_job *job = malloc(sizeof *job);
    if (!job)
        return -1;
    job->frame = frame;
    job->gl = gl_current();
    return pthread_create(out, NULL, render, fl_move(job)); //~ ERROR not-send
}
