// Each bucket is locked in the loop body; the early return inside the loop keeps one locked.
#include <pthread.h>

struct bucket {
    pthread_mutex_t mu;
    int count;
    int limit;
};

int buckets_reserve(struct bucket *b, int n)
{
    for (int i = 0; i < n; i++) {
        pthread_mutex_lock(&b[i].mu);
        if (b[i].count == b[i].limit)
            return -1; //~ ERROR lock-leak
        b[i].count++;
        pthread_mutex_unlock(&b[i].mu);
    }
    return 0;
}
