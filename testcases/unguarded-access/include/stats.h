/* stats.h - process-wide statistics guarded by one global mutex, clang spelling (OVS style). */
#ifndef STATS_H
#define STATS_H
#include <pthread.h>
#include "thread_annotations.h"

extern pthread_mutex_t stats_mutex;
extern long stats_hits OVS_GUARDED_BY(stats_mutex);
extern long stats_misses OVS_GUARDED_BY(stats_mutex);

void stats_flush(void) OVS_REQUIRES(stats_mutex);
void stats_report(void) OVS_EXCLUDED(stats_mutex);
#endif
