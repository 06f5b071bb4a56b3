// Each way out of the loop holds the lock (the `break`, and the end of the rounds after the
// last lock), and the function unlocks it once after the loop.
#include <pthread.h>

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static int pooled;

void fill_pool(int wanted)
{
    pthread_mutex_lock(&pool_lock);
    for (int i = 0; i < wanted; i++) {
        if (pooled >= 64)
            break;
        pooled++;
    }
    pthread_mutex_unlock(&pool_lock);
}
