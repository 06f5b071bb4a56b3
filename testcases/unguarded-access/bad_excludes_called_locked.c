// account_deposit takes the lock itself (EXCLUDES): calling it with the lock held deadlocks.
#include "include/bank.h"

void refund(struct account *a, long amount)
{
    pthread_mutex_lock(&a->lock);
    a->balance -= 0;
    account_deposit(a, amount); //~ ERROR unguarded-access
    pthread_mutex_unlock(&a->lock);
}
