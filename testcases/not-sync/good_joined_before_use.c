// The thread is the only user of the tokenizer until it is joined: like handing it `&mut`
// in Rust, that needs no Sync.
#include <pthread.h>

#include "include/tokenizer.h"

static void *count_lines(void *arg)
{
    struct tokenizer *t = arg;
    while (tok_next(t) > 0)
        ;
    return NULL;
}

int lines(const char *text)
{
    pthread_t t;
    struct tokenizer tok = {text, 1};
    if (pthread_create(&t, NULL, count_lines, &tok) != 0)
        return -1;
    pthread_join(t, NULL);
    return tok.line;
}
