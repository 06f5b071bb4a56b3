// Atomics and mutexes are Sync: stats shared by many workers and main are fine.
#include <pthread.h>
#include <stdatomic.h>

struct stats {
    pthread_mutex_t mu;
    long slow_paths;
    atomic_long hits;
};

static struct stats g_stats = {PTHREAD_MUTEX_INITIALIZER, 0, 0};

static void *worker(void *arg)
{
    struct stats *s = arg;
    atomic_fetch_add(&s->hits, 1);
    pthread_mutex_lock(&g_stats.mu);
    g_stats.slow_paths++;
    pthread_mutex_unlock(&g_stats.mu);
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, &g_stats);
    (void)atomic_load(&g_stats.hits);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
