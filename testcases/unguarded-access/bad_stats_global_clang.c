// Globals guarded by a global mutex, annotated with OVS-style clang attributes.
#include "include/stats.h"

pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;
long stats_hits;
long stats_misses;

void stats_hit(void)
{
    stats_hits++; //~ ERROR unguarded-access
}

void stats_miss(void)
{
    pthread_mutex_lock(&stats_mutex);
    stats_misses++;
    pthread_mutex_unlock(&stats_mutex);
}
