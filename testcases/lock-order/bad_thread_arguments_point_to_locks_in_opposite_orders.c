// One worker function locks what its argument's `first` points to, then `second`; the two
// workers are given the same two mutexes the other way round.
#include <pthread.h>

static pthread_mutex_t stock_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t orders_mu = PTHREAD_MUTEX_INITIALIZER;
static long moved;

struct lock_pair {
    pthread_mutex_t *first, *second;
};

static void *mover(void *arg)
{
    struct lock_pair *lp = arg;
    pthread_mutex_lock(lp->first);
    pthread_mutex_lock(lp->second);
    moved++;
    pthread_mutex_unlock(lp->second);
    pthread_mutex_unlock(lp->first);
    return NULL;
}

int main(void)
{
    struct lock_pair in = {&stock_mu, &orders_mu};
    struct lock_pair out;
    out.first = &orders_mu;
    out.second = &stock_mu;
    pthread_t a, b;
    pthread_create(&a, NULL, mover, &in);
    pthread_create(&b, NULL, mover, &out); //~ ERROR lock-order
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)moved;
}
