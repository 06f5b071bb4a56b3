// Each thread calls the lookup helper under its own lock: rebalancer under rebal_lock, worker
// under worker_lock; expander writes `power` holding both (memcached's assoc.c, where the
// expansion pauses every other thread). Over all callers the helper holds no lock, but each
// pair has a lock in common: the helper's locks are taken as each thread calls it.
#include <pthread.h>

static pthread_mutex_t rebal_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t worker_lock = PTHREAD_MUTEX_INITIALIZER;
static int power = 16;

static int lookup(unsigned hv)
{
    return (int)(hv & ((1u << power) - 1));
}

static void *rebalancer(void *arg)
{
    pthread_mutex_lock(&rebal_lock);
    lookup(42);
    pthread_mutex_unlock(&rebal_lock);
    return arg;
}

static void *worker(void *arg)
{
    pthread_mutex_lock(&worker_lock);
    lookup(7);
    pthread_mutex_unlock(&worker_lock);
    return arg;
}

static void *expander(void *arg)
{
    pthread_mutex_lock(&rebal_lock);
    pthread_mutex_lock(&worker_lock);
    power++;
    pthread_mutex_unlock(&worker_lock);
    pthread_mutex_unlock(&rebal_lock);
    return arg;
}

int main(void)
{
    pthread_t a, b, c;
    pthread_create(&a, NULL, rebalancer, NULL);
    pthread_create(&b, NULL, expander, NULL);
    pthread_create(&c, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    pthread_join(c, NULL);
    return 0;
}
