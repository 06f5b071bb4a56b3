// Access only on the success branch of a trylock.
#include "include/bank.h"

int account_try_peek(struct account *a, long *out)
{
    if (pthread_mutex_trylock(&a->lock) != 0)
        return -1;
    *out = a->balance;
    pthread_mutex_unlock(&a->lock);
    return 0;
}
