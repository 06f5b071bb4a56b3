// `shared` decides the lock and every unlock, the early return's too: no path leaks `m`.
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long n;

int add(bool shared, long k)
{
    if (shared)
        pthread_mutex_lock(&m);
    if (k < 0) {
        if (shared)
            pthread_mutex_unlock(&m);
        return -1;
    }
    n += k;
    if (shared)
        pthread_mutex_unlock(&m);
    return 0;
}
