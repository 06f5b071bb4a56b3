// A trylock helper annotated OVS_TRY_LOCK(0, mutex) (its success branch is not modelled for
// helpers): the access it guards is not reported.
#include <pthread.h>
#include "include/thread_annotations.h"

struct perf { pthread_mutex_t stats_mutex; long cycles OVS_GUARDED_BY(stats_mutex); int clear; };
int perf_trylock(struct perf *p) OVS_TRY_LOCK(0, p->stats_mutex);
void perf_unlock(struct perf *p) OVS_RELEASES(p->stats_mutex);

void perf_clear(struct perf *p)
{
    if (perf_trylock(p) == 0) {
        p->cycles = 0;
        perf_unlock(p);
    } else {
        p->clear = 1;
    }
}
