// `have` decides the lock but not the unlock: when `have` is false, `m` is unlocked though
// nothing locked it.
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long n;

void reset(bool have)
{
    if (have)
        pthread_mutex_lock(&m);
    n = 0;
    pthread_mutex_unlock(&m); //~ ERROR unlock-unheld
}
