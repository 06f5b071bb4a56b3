// The contract is written once, on the header's prototype, whose parameter is `st`; the
// definition calls it `s`. The contract is the same parameter's, by its position: the body holds
// `s->mu` on entry, and only the caller that does not hold it is reported.
#include <pthread.h>
#include "include/thread_annotations.h"

struct stats { pthread_mutex_t mu; long n OVS_GUARDED_BY(mu); };

void stats_bump(struct stats *st) OVS_REQUIRES(st->mu);

void stats_bump(struct stats *s)
{
    s->n++;
}

void stats_tick(struct stats *s)
{
    pthread_mutex_lock(&s->mu);
    stats_bump(s);
    pthread_mutex_unlock(&s->mu);
}

void stats_tick_unlocked(struct stats *s)
{
    stats_bump(s); //~ ERROR unguarded-access
}
