// A global of non-Sync type read by the worker and written by main.
#include <pthread.h>
#include <stdio.h>

#include "include/tokenizer.h"

struct tokenizer g_input;

static void *lexer(void *arg)
{
    (void)arg;
    while (tok_next(&g_input) > 0) //~ ERROR not-sync
        ;
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, lexer, NULL);
    g_input.line = 0;
    pthread_join(t, NULL);
    printf("%d lines\n", g_input.line);
    return 0;
}
