// Every worker started by the loop gets the same parser: they all run at once.
#include <pthread.h>

#include "include/tokenizer.h"

#define NWORKERS 4

static void *count_tokens(void *arg)
{
    struct tokenizer *t = arg;
    while (tok_next(t) > 0)
        ;
    return NULL;
}

int count_parallel(const char *text)
{
    pthread_t th[NWORKERS];
    struct tokenizer tok = {text, 1};
    for (int i = 0; i < NWORKERS; i++)
        pthread_create(&th[i], NULL, count_tokens, &tok); //~ ERROR not-sync
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(th[i], NULL);
    return tok.line;
}
