// A helper reads `power`; every thread calls it with rebal_lock held, and main calls it without
// a lock only before it starts any thread (memcached's assoc.c). What main holds there decides
// no race: the helper's accesses hold rebal_lock whenever another thread may run.
#include <pthread.h>

static pthread_mutex_t rebal_lock = PTHREAD_MUTEX_INITIALIZER;
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

static void *expander(void *arg)
{
    pthread_mutex_lock(&rebal_lock);
    power++;
    pthread_mutex_unlock(&rebal_lock);
    return arg;
}

int main(void)
{
    pthread_t a, b;
    lookup(1);
    pthread_create(&a, NULL, rebalancer, NULL);
    pthread_create(&b, NULL, expander, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
