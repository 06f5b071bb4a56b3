// Audit locks the bank then an account; a deposit locks its account then the bank: the field
// locks are told apart by their struct types.
#include <pthread.h>

struct account {
    pthread_mutex_t lock;
    long balance;
};

struct bank {
    pthread_mutex_t lock;
    long total;
    struct account *accounts[64];
    int n;
};

long bank_audit(struct bank *b)
{
    long sum = 0;
    pthread_mutex_lock(&b->lock);
    for (int i = 0; i < b->n; i++) {
        struct account *a = b->accounts[i];
        pthread_mutex_lock(&a->lock);
        sum += a->balance;
        pthread_mutex_unlock(&a->lock);
    }
    pthread_mutex_unlock(&b->lock);
    return sum;
}

void deposit(struct bank *b, struct account *a, long amount)
{
    pthread_mutex_lock(&a->lock);
    a->balance += amount;
    pthread_mutex_lock(&b->lock); //~ ERROR lock-order
    b->total += amount;
    pthread_mutex_unlock(&b->lock);
    pthread_mutex_unlock(&a->lock);
}
