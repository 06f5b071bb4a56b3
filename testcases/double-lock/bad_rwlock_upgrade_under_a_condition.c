// Taking the write side while holding the read side waits for itself. The unlock inside the
// branch and the one after it are the pair's: no other finding.
#include <pthread.h>

static pthread_rwlock_t cache_rw = PTHREAD_RWLOCK_INITIALIZER;
static int cached;

int lookup(void)
{
    pthread_rwlock_rdlock(&cache_rw);
    if (cached == 0) {
        pthread_rwlock_wrlock(&cache_rw); //~ ERROR double-lock
        cached = 42;
        pthread_rwlock_unlock(&cache_rw);
    }
    int v = cached;
    pthread_rwlock_unlock(&cache_rw);
    return v;
}
