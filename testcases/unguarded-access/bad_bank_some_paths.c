// The lock is taken only when `audit` is set: on the other path the write is unguarded.
#include <stdbool.h>
#include "include/bank.h"

void account_fee(struct account *a, bool audit)
{
    if (audit)
        pthread_mutex_lock(&a->lock);
    a->balance -= 1; //~ ERROR unguarded-access
    if (audit)
        pthread_mutex_unlock(&a->lock);
}
