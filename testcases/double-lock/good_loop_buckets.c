// Each bucket of a hash table is locked and unlocked inside the loop body.
#include <pthread.h>

struct bucket {
    pthread_mutex_t mu;
    int count;
};

struct table {
    struct bucket buckets[16];
};

int table_total(struct table *t)
{
    int total = 0;
    for (int i = 0; i < 16; i++) {
        pthread_mutex_lock(&t->buckets[i].mu);
        total += t->buckets[i].count;
        pthread_mutex_unlock(&t->buckets[i].mu);
    }
    return total;
}
