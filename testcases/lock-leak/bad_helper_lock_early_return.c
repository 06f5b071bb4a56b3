// The lock is taken through a helper (summarised as acquiring `s->mu`); an early return leaks it.
#include <pthread.h>

struct stats {
    pthread_mutex_t mu;
    long requests, errors;
};

static struct stats g_stats;

static void stats_lock(struct stats *s)
{
    pthread_mutex_lock(&s->mu);
}

static void stats_unlock(struct stats *s)
{
    pthread_mutex_unlock(&s->mu);
}

int stats_record(int status)
{
    stats_lock(&g_stats);
    g_stats.requests++;
    if (status >= 500)
        return -1; //~ ERROR lock-leak
    stats_unlock(&g_stats);
    return 0;
}
