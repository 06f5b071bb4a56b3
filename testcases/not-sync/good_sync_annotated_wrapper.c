// The fix the help suggests: pair the tokenizer with a mutex in a struct declared SYNC.
#include <pthread.h>

#include "include/tokenizer.h"

struct SYNC locked_tokenizer {
    pthread_mutex_t mu;
    struct tokenizer tok;
};

static void *reader(void *arg)
{
    struct locked_tokenizer *lt = arg;
    pthread_mutex_lock(&lt->mu);
    tok_next(&lt->tok);
    pthread_mutex_unlock(&lt->mu);
    return NULL;
}

int read_two(struct locked_tokenizer *lt)
{
    pthread_t a, b;
    pthread_create(&a, NULL, reader, lt);
    pthread_create(&b, NULL, reader, lt);
    pthread_mutex_lock(&lt->mu);
    lt->tok.line = 0;
    pthread_mutex_unlock(&lt->mu);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
