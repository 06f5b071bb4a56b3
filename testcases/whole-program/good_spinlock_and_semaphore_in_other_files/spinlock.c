#include <sched.h>
#include "atomic.h"

void word_spinlock(atomic_word *lock, unsigned long value, unsigned spin)
{
    for (;;) {
        if (*lock == 0 && __sync_bool_compare_and_swap(lock, 0, value))
            return;
        for (unsigned n = 1; n < spin; n <<= 1)
            if (*lock == 0 && __sync_bool_compare_and_swap(lock, 0, value))
                return;
        sched_yield();
    }
}
