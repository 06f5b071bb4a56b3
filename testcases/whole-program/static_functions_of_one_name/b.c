/* ... and another static `go`, in another file, that does not: each file calls its own. */
#include <pthread.h>

static int go(pthread_t *t, void *(*fn)(void *), void *arg)
{
    (void)t;
    fn(arg);
    return 0;
}

static void *bump(void *p)
{
    ++*(int *)p;
    return NULL;
}

int run_a(void);

int run_b(void)
{
    int n = 0;
    pthread_t t;
    go(&t, bump, &n);
    return n;
}

int main(void) { return run_a() + run_b(); }
