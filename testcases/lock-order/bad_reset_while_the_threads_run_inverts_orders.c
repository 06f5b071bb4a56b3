// `reset` takes `stats_lock` then `queue_lock`, the workers the opposite order, and `main` calls
// `reset` while the workers run: each side can hold one lock and wait for the other.
#include <pthread.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static int queued, served;

static void reset(void)
{
    pthread_mutex_lock(&stats_lock);
    pthread_mutex_lock(&queue_lock);
    queued = served = 0;
    pthread_mutex_unlock(&queue_lock);
    pthread_mutex_unlock(&stats_lock);
}

static void *worker(void *arg)
{
    pthread_mutex_lock(&queue_lock);
    pthread_mutex_lock(&stats_lock); //~ ERROR lock-order
    queued--;
    served++;
    pthread_mutex_unlock(&stats_lock);
    pthread_mutex_unlock(&queue_lock);
    return arg;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    reset();
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return served;
}
