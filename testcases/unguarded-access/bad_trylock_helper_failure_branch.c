// A trylock helper annotated OVS_TRY_LOCK(0, ...) (Clang's try_acquire_capability: it returns 0
// when it took the lock): the access on its success branch is guarded, the one on its failure
// branch is not, and a plain unguarded access elsewhere is reported too.
#include <pthread.h>
#include "include/thread_annotations.h"

struct perf { pthread_mutex_t stats_mutex; long cycles OVS_GUARDED_BY(stats_mutex); long misses OVS_GUARDED_BY(stats_mutex); };
int perf_trylock(struct perf *p) OVS_TRY_LOCK(0, p->stats_mutex);
void perf_unlock(struct perf *p) OVS_RELEASES(p->stats_mutex);

void perf_clear(struct perf *p)
{
    if (perf_trylock(p) == 0) {
        p->cycles = 0;
        perf_unlock(p);
    } else {
        p->cycles = -1; //~ ERROR unguarded-access
    }
}

long perf_misses(struct perf *p)
{
    return p->misses; //~ ERROR unguarded-access
}
