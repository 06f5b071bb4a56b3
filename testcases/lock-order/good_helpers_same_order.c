// Helpers that lock (summarised) keep one global order: bank before account everywhere.
#include <pthread.h>

struct account {
    pthread_mutex_t lock;
    long balance;
};

struct bank {
    pthread_mutex_t lock;
    long total;
};

static void bank_lock(struct bank *b) { pthread_mutex_lock(&b->lock); }
static void bank_unlock(struct bank *b) { pthread_mutex_unlock(&b->lock); }

void deposit(struct bank *b, struct account *a, long amount)
{
    bank_lock(b);
    pthread_mutex_lock(&a->lock);
    a->balance += amount;
    b->total += amount;
    pthread_mutex_unlock(&a->lock);
    bank_unlock(b);
}

long balance(struct bank *b, struct account *a)
{
    bank_lock(b);
    pthread_mutex_lock(&a->lock);
    long v = a->balance;
    pthread_mutex_unlock(&a->lock);
    bank_unlock(b);
    return v;
}
