// The write comes after the unlock: the lock no longer protects it.
#include "include/bank.h"

void account_withdraw(struct account *a, long amount)
{
    pthread_mutex_lock(&a->lock);
    long b = a->balance;
    pthread_mutex_unlock(&a->lock);
    a->balance = b - amount; //~ ERROR unguarded-access
}
