// The loop gives `pool_lock` back at the end of each round, but the `break` taken when the pool
// is full leaves with it held, and nothing after the loop unlocks it.
#include <pthread.h>

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static int pooled;

void fill_pool(int wanted)
{
    for (int i = 0; i < wanted; i++) {
        pthread_mutex_lock(&pool_lock);
        if (pooled >= 64)
            break; //~ ERROR lock-leak
        pooled++;
        pthread_mutex_unlock(&pool_lock);
    }
}
