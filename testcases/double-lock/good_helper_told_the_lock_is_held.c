// `bump` locks `m` only when its caller says it does not hold it.
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long x;

static void bump(bool locked)
{
    if (!locked)
        pthread_mutex_lock(&m);
    x++;
    if (!locked)
        pthread_mutex_unlock(&m);
}

void run(void)
{
    pthread_mutex_lock(&m);
    bump(true);
    pthread_mutex_unlock(&m);
    bump(false);
}
