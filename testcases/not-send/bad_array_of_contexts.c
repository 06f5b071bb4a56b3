// An array field inherits from its element type: a batch holding GL contexts is not Send.
#include <pthread.h>
#include <stdlib.h>

#include "include/gl.h"

struct draw_batch {
    int count;
    gl_context_t *targets[4];
};

static void *draw_all(void *arg)
{
    struct draw_batch *b = arg;
    for (int i = 0; i < b->count; i++)
        gl_draw(b->targets[i], 0);
    free(b);
    return NULL;
}

int draw_async(gl_context_t *const *ctxs, int n, pthread_t *t)
{
    struct draw_batch *b = malloc(sizeof *b);
    if (!b || n > 4)
        return -1;
    b->count = n;
    for (int i = 0; i < n; i++)
        b->targets[i] = ctxs[i];
    return pthread_create(t, NULL, draw_all, fl_move(b)); //~ ERROR not-send
}
