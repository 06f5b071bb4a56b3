// Finds an account and returns it locked; the caller unlocks it.
#include <pthread.h>
#include <stddef.h>

struct account {
    pthread_mutex_t lock;
    int id;
    long balance;
};

struct bank {
    struct account accounts[128];
    int n;
};

struct account *bank_find_locked(struct bank *b, int id)
{
    for (int i = 0; i < b->n; i++) {
        struct account *a = &b->accounts[i];
        pthread_mutex_lock(&a->lock);
        if (a->id == id)
            return a;
        pthread_mutex_unlock(&a->lock);
    }
    return NULL;
}
