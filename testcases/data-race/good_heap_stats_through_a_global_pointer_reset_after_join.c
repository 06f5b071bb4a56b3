// The stats block is allocated before the workers start and the pointer is cleared only after
// every worker is joined; the workers count both hits and misses under the block's lock.
#include <pthread.h>
#include <stdlib.h>

struct stats {
    pthread_mutex_t lock;
    long hits;
    long misses;
};

static struct stats *g_stats;

static void *worker(void *arg)
{
    unsigned base = *(unsigned *)arg;
    for (unsigned i = 0; i < 1000; i++) {
        if ((base + i) % 7 != 0) {
            pthread_mutex_lock(&g_stats->lock);
            g_stats->hits++;
            pthread_mutex_unlock(&g_stats->lock);
        } else {
            pthread_mutex_lock(&g_stats->lock);
            g_stats->misses++;
            pthread_mutex_unlock(&g_stats->lock);
        }
    }
    return NULL;
}

int main(void)
{
    pthread_t tids[4];
    unsigned bases[4];
    g_stats = calloc(1, sizeof *g_stats);
    if (!g_stats)
        return 1;
    pthread_mutex_init(&g_stats->lock, NULL);
    for (int i = 0; i < 4; i++) {
        bases[i] = (unsigned)i * 1000;
        pthread_create(&tids[i], NULL, worker, &bases[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(tids[i], NULL);
    long total = g_stats->hits + g_stats->misses;
    pthread_mutex_destroy(&g_stats->lock);
    free(g_stats);
    g_stats = NULL;
    return total > 0 ? 0 : 1;
}
