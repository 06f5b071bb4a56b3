// Reading the pt_guarded pointer itself needs no lock; its pointee is written under the lock.
#include <stddef.h>
#include "include/bank.h"

int has_history(struct account *a)
{
    return a->history != NULL;
}

void record(struct account *a, int slot, long v)
{
    pthread_mutex_lock(&a->lock);
    a->history[slot] = v;
    *a->history += 1;
    pthread_mutex_unlock(&a->lock);
}
