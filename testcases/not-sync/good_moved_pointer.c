// Moved, not shared: the thread owns the tokenizer (NOT_SYNC only, so it is Send).
#include <pthread.h>
#include <stdlib.h>

#include "include/tokenizer.h"

#include "../../annotations/fearless.h"

static void *consume(void *arg)
{
    struct tokenizer *t = arg;
    while (tok_next(t) > 0)
        ;
    free(t);
    return NULL;
}

int consume_async(const char *text, pthread_t *th)
{
    struct tokenizer *t = malloc(sizeof *t);
    if (!t)
        return -1;
    t->cursor = text;
    t->line = 1;
    return pthread_create(th, NULL, consume, fl_move(t));
}
