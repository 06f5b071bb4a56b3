// A fresh heap object per iteration: the pointer variable is the same, the object is not.
#include <pthread.h>
#include <stdlib.h>

#include "include/tokenizer.h"

static void *lex(void *arg)
{
    tok_next(arg);
    return NULL;
}

int lex_all(const char **texts, int n, pthread_t *th, struct tokenizer **out)
{
    for (int i = 0; i < n; i++) {
        struct tokenizer *t = malloc(sizeof *t);
        if (!t)
            return -1;
        t->cursor = texts[i];
        t->line = 1;
        out[i] = t;
        pthread_create(&th[i], NULL, lex, t);
    }
    return 0;
}
