// The same read with the account's lock held.
#include "include/bank.h"

long account_peek(struct account *a)
{
    pthread_mutex_lock(&a->lock);
    long b = a->balance;
    pthread_mutex_unlock(&a->lock);
    return b;
}
