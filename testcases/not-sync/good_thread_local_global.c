// _Thread_local: every thread has its own copy, nothing is shared.
#include <pthread.h>

#include "include/tokenizer.h"

static _Thread_local struct tokenizer t_tok;

static void *worker(void *arg)
{
    t_tok.cursor = arg;
    tok_next(&t_tok);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, "a b c");
    t_tok.cursor = "x y";
    tok_next(&t_tok);
    pthread_join(t, NULL);
    return 0;
}
