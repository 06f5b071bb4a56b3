// The lock call's own failure branch returns: the lock was not taken there.
#include <pthread.h>

struct account {
    pthread_mutex_t lock;
    long balance;
};

int deposit(struct account *acct, long amount)
{
    if (pthread_mutex_lock(&acct->lock) != 0)
        return -1;
    acct->balance += amount;
    pthread_mutex_unlock(&acct->lock);
    return 0;
}
