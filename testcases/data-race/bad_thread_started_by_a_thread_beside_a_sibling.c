// The inner thread of one thread, started through a helper, against a thread main starts
// beside it.
#include <pthread.h>
#include <stddef.h>

static int mode;

static void *apply(void *arg)
{
    (void)arg;
    mode = 1; //~ ERROR data-race
    return NULL;
}

static void run_apply(void)
{
    pthread_t t;
    pthread_create(&t, NULL, apply, NULL);
    pthread_join(t, NULL);
}

static void *supervisor(void *arg)
{
    (void)arg;
    run_apply();
    return NULL;
}

static void *reset(void *arg)
{
    (void)arg;
    mode = 0;
    return NULL;
}

int main(void)
{
    pthread_t s, r;
    pthread_create(&s, NULL, supervisor, NULL);
    pthread_create(&r, NULL, reset, NULL);
    pthread_join(s, NULL);
    pthread_join(r, NULL);
    return mode;
}
