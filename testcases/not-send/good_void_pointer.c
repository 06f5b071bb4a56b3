// The moved pointer is a `void *` whose real type fearless cannot tell: it stays silent.
#include <pthread.h>

#include "../../annotations/fearless.h"

static void *consume(void *arg)
{
    (void)arg;
    return NULL;
}

int forward(void *payload, pthread_t *t)
{
    return pthread_create(t, NULL, consume, fl_move(payload));
}
