// stats_flush is OVS_REQUIRES(stats_mutex): calling it bare is a contract violation.
#include "include/stats.h"

pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;

void stats_tick(void)
{
    stats_flush(); //~ ERROR unguarded-access
}

void stats_tick_locked(void)
{
    pthread_mutex_lock(&stats_mutex);
    stats_flush();
    pthread_mutex_unlock(&stats_mutex);
}
