// A NOT_SEND context lent (not moved) to a thread that is joined before it is used again:
// nothing changes owner, so not-send has nothing to say (the type is still Sync).
#include <pthread.h>

#include "include/gl.h"

static void *warm_up(void *arg)
{
    gl_draw(arg, -1);
    return NULL;
}

int warm_up_and_wait(gl_context_t *gl)
{
    pthread_t t;
    if (pthread_create(&t, NULL, warm_up, gl) != 0)
        return -1;
    return pthread_join(t, NULL);
}
