// A helper that starts a thread and joins it before it returns, through the handle its caller
// gave it: the thread is over when the helper returns, so the caller's stack object it borrows
// is never used after it dies. The helper is not a spawn wrapper for its callers.
#include <pthread.h>

static int run_and_wait(pthread_t *t, void *(*fn)(void *), void *arg)
{
    int rc = pthread_create(t, NULL, fn, arg);
    if (rc == 0)
        pthread_join(*t, NULL);
    return rc;
}

static void *count(void *p)
{
    int *n = p;
    ++*n;
    return NULL;
}

int run(void)
{
    int counter = 0;
    pthread_t t;
    if (run_and_wait(&t, count, &counter) != 0)
        return -1;
    return counter;
}
