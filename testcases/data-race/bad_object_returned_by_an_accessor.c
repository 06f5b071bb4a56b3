// The statistics live behind an accessor; the workers count through it under the lock, main
// resets a counter through it without the lock.
#include <pthread.h>

struct stats {
    pthread_mutex_t mu;
    long hits, misses;
};

static struct stats the_stats = {PTHREAD_MUTEX_INITIALIZER, 0, 0};

static struct stats *stats_get(void)
{
    return &the_stats;
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&the_stats.mu);
    stats_get()->hits++;
    pthread_mutex_unlock(&the_stats.mu);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    stats_get()->hits = 0; //~ ERROR data-race
    stats_get()->misses = 0;
    pthread_join(t, NULL);
    return (int)the_stats.hits;
}
