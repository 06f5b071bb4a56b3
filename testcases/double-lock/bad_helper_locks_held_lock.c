// `run` holds `m` and calls `bump`, which locks `m` again: a self-deadlock through a call.
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long x;

static void bump(void)
{
    pthread_mutex_lock(&m);
    x++;
    pthread_mutex_unlock(&m);
}

void run(void)
{
    pthread_mutex_lock(&m);
    bump(); //~ ERROR double-lock
    pthread_mutex_unlock(&m);
}
