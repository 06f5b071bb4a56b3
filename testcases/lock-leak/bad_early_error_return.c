// The classic: the error path returns between lock and unlock.
#include <pthread.h>

struct account {
    pthread_mutex_t lock;
    long balance;
};

int withdraw(struct account *acct, long amount)
{
    pthread_mutex_lock(&acct->lock);
    if (acct->balance < amount)
        return -1; //~ ERROR lock-leak
    acct->balance -= amount;
    pthread_mutex_unlock(&acct->lock);
    return 0;
}
