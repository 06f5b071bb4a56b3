// `shared` decides the lock and the unlock, but the early return between them leaves `m`
// locked when `shared` is true.
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long n;

int add(bool shared, long k)
{
    if (shared)
        pthread_mutex_lock(&m);
    if (k < 0) {
        return -1; //~ ERROR lock-leak
    }
    n += k;
    if (shared)
        pthread_mutex_unlock(&m);
    return 0;
}
