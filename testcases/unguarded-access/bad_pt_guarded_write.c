// history is PT_GUARDED_BY(lock): the pointer may be read freely, what it points to may not.
#include "include/bank.h"

void record(struct account *a, int slot, long v)
{
    long *h = a->history;
    (void)h;
    a->history[slot] = v; //~ ERROR unguarded-access
}
