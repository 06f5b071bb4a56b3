// OVS_REQUIRES on the definition: the globals are accessed with the mutex held on entry; the
// caller takes it before calling.
#include <stdio.h>
#include "include/stats.h"

pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;
long stats_hits;
long stats_misses;

void stats_flush(void)
{
    printf("%ld %ld\n", stats_hits, stats_misses);
    stats_hits = stats_misses = 0;
}

void stats_tick(void)
{
    pthread_mutex_lock(&stats_mutex);
    stats_flush();
    pthread_mutex_unlock(&stats_mutex);
}
