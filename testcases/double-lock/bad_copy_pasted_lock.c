// A deposit that locks the account twice (a copy-pasted line): the thread waits for itself.
#include <pthread.h>

struct account {
    pthread_mutex_t lock;
    long balance;
    unsigned long ops;
};

void deposit(struct account *acct, long amount)
{
    pthread_mutex_lock(&acct->lock);
    acct->balance += amount;
    pthread_mutex_lock(&acct->lock); //~ ERROR double-lock
    acct->ops++;
    pthread_mutex_unlock(&acct->lock);
}
