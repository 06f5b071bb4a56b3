// A function that opts out of the analysis (as OVS does with OVS_NO_THREAD_SAFETY_ANALYSIS)
// is not checked; neither is taking a guarded field's address or its size.
#include "include/stats.h"

pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;
long stats_hits;

__attribute__((no_thread_safety_analysis)) long stats_peek_racy(void)
{
    return stats_hits;
}

long *stats_hits_addr(void)
{
    return &stats_hits;
}

unsigned long stats_hits_size(void)
{
    return sizeof stats_hits;
}
