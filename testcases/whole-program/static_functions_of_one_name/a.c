/* A static `go` that starts a thread... */
#include <pthread.h>

static int go(pthread_t *t, void *(*fn)(void *), void *arg)
{
    return pthread_create(t, NULL, fn, arg);
}

static void *bump(void *p)
{
    ++*(int *)p;
    return NULL;
}

int run_a(void)
{
    int n = 0;
    pthread_t t;
    go(&t, bump, &n); //~ ERROR thread-borrow
    return 0;
}
