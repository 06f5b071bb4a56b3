// fearless-flags: --verbose
// With --verbose, an access behind a trylock-style helper is explained, not reported; a plain
// unguarded access next to it still is.
#include <pthread.h>
#include "include/thread_annotations.h"

struct perf { pthread_mutex_t stats_mutex; long cycles OVS_GUARDED_BY(stats_mutex); long misses OVS_GUARDED_BY(stats_mutex); };
int perf_trylock(struct perf *p) OVS_TRY_LOCK(0, p->stats_mutex);
void perf_unlock(struct perf *p) OVS_RELEASES(p->stats_mutex);

void perf_clear(struct perf *p)
{
    if (perf_trylock(p) == 0) {
        p->cycles = 0; //~ NOTE unguarded-access
        perf_unlock(p);
    }
}

long perf_misses(struct perf *p)
{
    return p->misses; //~ ERROR unguarded-access
}
