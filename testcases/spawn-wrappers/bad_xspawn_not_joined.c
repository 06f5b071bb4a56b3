// The wrapper returns the handle, which the caller stores in `t` and never joins: the thread
// may still write `words` after `words_in_corpus` returns.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_t xspawn(void *(*fn)(void *), void *arg)
{
    pthread_t t;
    int rc = pthread_create(&t, NULL, fn, arg);
    if (rc != 0) {
        fprintf(stderr, "pthread_create: %d\n", rc);
        abort();
    }
    return t;
}

static void *count_words(void *arg)
{
    int *words = arg;
    *words = 42; //~ ERROR data-race
    return NULL;
}

int words_in_corpus(void)
{
    int words = 0;
    pthread_t t;
    t = xspawn(count_words, &words); //~ ERROR thread-borrow
    printf("counting in thread %lu\n", (unsigned long)t);
    return words;
}
