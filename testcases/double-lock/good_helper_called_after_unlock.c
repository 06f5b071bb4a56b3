// `bump` locks `m` itself, and `run` calls it after releasing `m`.
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
    x = 0;
    pthread_mutex_unlock(&m);
    bump();
}
