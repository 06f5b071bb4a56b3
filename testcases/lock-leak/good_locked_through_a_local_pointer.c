// The lock is taken through a local pointer to it and given back by its own name: one lock,
// released on every path.
#include <pthread.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long hits;

static void *counter(void *arg)
{
    pthread_mutex_t *mu = &stats_mu;
    (void)arg;
    pthread_mutex_lock(mu);
    hits++;
    pthread_mutex_unlock(&stats_mu);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, counter, NULL);
    pthread_join(t, NULL);
    return (int)hits;
}
