// The counter and its lock are reached through one global pointer, set before the threads:
// every access holds `stats->mu`.
#include <pthread.h>
#include <stdlib.h>

struct stats {
    pthread_mutex_t mu;
    long hits;
};

static struct stats *stats;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&stats->mu);
    stats->hits++;
    pthread_mutex_unlock(&stats->mu);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    stats = calloc(1, sizeof *stats);
    if (!stats)
        return 1;
    pthread_mutex_init(&stats->mu, NULL);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    pthread_mutex_lock(&stats->mu);
    long seen = stats->hits;
    pthread_mutex_unlock(&stats->mu);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    free(stats);
    return (int)seen;
}
