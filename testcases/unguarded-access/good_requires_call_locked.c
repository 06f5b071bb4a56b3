// account_add called with the lock held; account_add itself may touch the balance.
#include "include/bank.h"

void account_add(struct account *acct, long amount)
{
    acct->balance += amount;
}

void pay_interest(struct account *a)
{
    pthread_mutex_lock(&a->lock);
    account_add(a, 5);
    pthread_mutex_unlock(&a->lock);
}
