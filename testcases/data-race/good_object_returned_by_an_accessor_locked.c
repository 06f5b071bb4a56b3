// The same accessor, with every access under the statistics' lock; and a second accessor that
// returns one of two objects, which names neither.
#include <pthread.h>

struct stats {
    pthread_mutex_t mu;
    long hits;
};

static struct stats the_stats = {PTHREAD_MUTEX_INITIALIZER, 0};
static struct stats spare_a, spare_b;
static int use_a;

static struct stats *stats_get(void)
{
    return &the_stats;
}

static struct stats *spare(void)
{
    if (use_a)
        return &spare_a;
    return &spare_b;
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&the_stats.mu);
    stats_get()->hits++;
    pthread_mutex_unlock(&the_stats.mu);
    spare()->hits++;
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&stats_get()->mu);
    stats_get()->hits = 0;
    pthread_mutex_unlock(&stats_get()->mu);
    spare_a.hits = 0;
    pthread_join(t, NULL);
    return (int)the_stats.hits;
}
