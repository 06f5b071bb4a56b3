// `setup` takes `stats_lock` then `queue_lock`, the workers the opposite order; but `main` calls
// `setup` before it starts any worker, so no thread runs beside it.
#include <pthread.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static int queued, served;

static void setup(void)
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
    pthread_mutex_lock(&stats_lock);
    queued--;
    served++;
    pthread_mutex_unlock(&stats_lock);
    pthread_mutex_unlock(&queue_lock);
    return arg;
}

int main(void)
{
    setup();
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return served;
}
