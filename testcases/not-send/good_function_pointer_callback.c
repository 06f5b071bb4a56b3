// Function pointers are Send even when their parameters mention a NOT_SEND type: the callback
// is code, and the job holds no context.
#include <pthread.h>
#include <stdlib.h>

#include "include/gl.h"

struct on_ready {
    void (*cb)(gl_context_t *gl, int frame);
    int frame;
};

static void *waiter(void *arg)
{
    free(arg);
    return NULL;
}

int notify_when_ready(void (*cb)(gl_context_t *, int), pthread_t *t)
{
    struct on_ready *r = malloc(sizeof *r);
    if (!r)
        return -1;
    r->cb = cb;
    r->frame = 0;
    return pthread_create(t, NULL, waiter, fl_move(r));
}
