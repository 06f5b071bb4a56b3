// Like glibc's xpthread_create: the wrapper returns the handle (and aborts on failure), the
// caller joins it through `xjoin`, which joins the handle it gets by value.
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

static void xjoin(pthread_t t)
{
    if (pthread_join(t, NULL) != 0)
        abort();
}

static void *count_words(void *arg)
{
    int *words = arg;
    *words = 42;
    return NULL;
}

int words_in_corpus(void)
{
    int words = 0;
    pthread_t t = xspawn(count_words, &words);
    xjoin(t);
    return words;
}
