// A helper that takes the lock (ACQUIRE) and one that drops it (RELEASE): accesses between them
// are guarded.
#include "include/bank.h"

static void account_lock(struct account *acct) ACQUIRE(acct->lock)
{
    pthread_mutex_lock(&acct->lock);
}

static void account_unlock(struct account *acct) RELEASE(acct->lock)
{
    pthread_mutex_unlock(&acct->lock);
}

void account_double(struct account *a)
{
    account_lock(a);
    a->balance *= 2;
    account_unlock(a);
}
