// account_deposit locks on its own: call it without the lock.
#include "include/bank.h"

void account_deposit(struct account *acct, long amount)
{
    pthread_mutex_lock(&acct->lock);
    acct->balance += amount;
    pthread_mutex_unlock(&acct->lock);
}

void refund(struct account *a, long amount)
{
    account_deposit(a, amount);
}
