// Count contention: try first, and only when that fails wait for the lock.
#include <pthread.h>

struct stats {
    pthread_mutex_t mu;
    unsigned long contended, hits;
};

void stats_hit(struct stats *s)
{
    if (pthread_mutex_trylock(&s->mu) != 0) {
        __atomic_fetch_add(&s->contended, 1, __ATOMIC_RELAXED);
        pthread_mutex_lock(&s->mu);
    }
    s->hits++;
    pthread_mutex_unlock(&s->mu);
}
