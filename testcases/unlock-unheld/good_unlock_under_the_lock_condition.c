// `have` decides the lock and the unlock alike.
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long n;

void reset(bool have)
{
    if (have)
        pthread_mutex_lock(&m);
    n = 0;
    if (have)
        pthread_mutex_unlock(&m);
}
