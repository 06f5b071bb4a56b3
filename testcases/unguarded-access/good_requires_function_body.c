// A function annotated REQUIRES(acct->lock) starts with the lock held: its accesses are fine,
// and so are its calls to other REQUIRES functions on the same lock.
#include "include/bank.h"

static void account_bump(struct account *acct) REQUIRES(acct->lock);

static void account_bump(struct account *acct)
{
    acct->balance++;
}

void account_add(struct account *acct, long amount)
{
    acct->balance += amount;
    account_bump(acct);
}
