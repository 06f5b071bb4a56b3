// A typedef annotated SEND over a NOT_SEND struct: the outermost annotated layer decides.
#include <pthread.h>
#include <stdlib.h>

#include "../../annotations/fearless.h"

struct NOT_SEND arena {
    char *base;
    size_t used;
};
/* an arena that has been detached from its thread's pool may be handed over whole */
typedef struct arena detached_arena SEND;

static void *release_arena(void *arg)
{
    detached_arena *a = arg;
    free(a->base);
    free(a);
    return NULL;
}

int release_async(detached_arena *a, pthread_t *t)
{
    return pthread_create(t, NULL, release_arena, fl_move(a));
}
