// Two separate critical sections on one account: unlocked in between.
#include <pthread.h>

struct account {
    pthread_mutex_t lock;
    long balance;
};

long withdraw_all(struct account *acct, void (*audit)(long))
{
    pthread_mutex_lock(&acct->lock);
    long v = acct->balance;
    pthread_mutex_unlock(&acct->lock);
    audit(v);
    pthread_mutex_lock(&acct->lock);
    acct->balance -= v;
    pthread_mutex_unlock(&acct->lock);
    return v;
}
