// OVS-style lock/unlock helpers read from clang attributes (OVS_ACQUIRES / OVS_RELEASES on
// prototypes only): the write after the release is unguarded, the one between is fine.
#include <pthread.h>
#include "include/thread_annotations.h"

struct seq { pthread_mutex_t mutex; unsigned long value OVS_GUARDED_BY(mutex); };
void seq_lock(struct seq *s) OVS_ACQUIRES(s->mutex);
void seq_unlock(struct seq *s) OVS_RELEASES(s->mutex);

void seq_change(struct seq *s)
{
    seq_lock(s);
    s->value++;
    seq_unlock(s);
    s->value++; //~ ERROR unguarded-access
}
