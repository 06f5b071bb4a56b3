// The owner struct is annotated SEND: its author asserts that whoever owns it may use the
// context (it is made current on the new thread first). The annotation wins over the field.
#include <pthread.h>
#include <stdlib.h>

#include "include/gl.h"

struct SEND gl_owner {
    gl_context_t *gl;
    int frame;
};

void gl_make_current(gl_context_t *gl);

static void *render_thread(void *arg)
{
    struct gl_owner *o = arg;
    gl_make_current(o->gl);
    gl_draw(o->gl, o->frame);
    free(o);
    return NULL;
}

int hand_over(gl_context_t *gl, pthread_t *t)
{
    struct gl_owner *o = malloc(sizeof *o);
    if (!o)
        return -1;
    o->gl = gl;
    o->frame = 0;
    return pthread_create(t, NULL, render_thread, fl_move(o));
}
