// stats_lock is a helper (summarised as acquiring s->mu); the order against the config lock
// differs between the two functions.
#include <pthread.h>

struct stats {
    pthread_mutex_t mu;
    long reloads;
};

static struct stats g_stats;
static pthread_rwlock_t config_rw = PTHREAD_RWLOCK_INITIALIZER;
static int config_port;

static void stats_lock(struct stats *s)
{
    pthread_mutex_lock(&s->mu);
}

static void stats_unlock(struct stats *s)
{
    pthread_mutex_unlock(&s->mu);
}

void config_reload(int port)
{
    pthread_rwlock_wrlock(&config_rw);
    config_port = port;
    stats_lock(&g_stats);
    g_stats.reloads++;
    stats_unlock(&g_stats);
    pthread_rwlock_unlock(&config_rw);
}

int stats_report(void)
{
    stats_lock(&g_stats);
    pthread_rwlock_rdlock(&config_rw); //~ ERROR lock-order
    int port = config_port;
    pthread_rwlock_unlock(&config_rw);
    stats_unlock(&g_stats);
    return port;
}
