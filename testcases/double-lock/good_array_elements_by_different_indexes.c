// Two elements of one lock array by two indexes (a transfer between buckets, ordered by index),
// an index that changes between the two calls, and one declared anew in each iteration: none of
// them is known to be the element already held.
#include <pthread.h>
#include <stddef.h>

#define NBUCKETS 8

static pthread_mutex_t bucket_mu[NBUCKETS];
static int bucket_len[NBUCKETS];

static void move_one(size_t from, size_t to)
{
    size_t lo = from < to ? from : to, hi = from < to ? to : from;
    pthread_mutex_lock(&bucket_mu[lo]);
    pthread_mutex_lock(&bucket_mu[hi]);
    bucket_len[from]--;
    bucket_len[to]++;
    pthread_mutex_unlock(&bucket_mu[hi]);
    pthread_mutex_unlock(&bucket_mu[lo]);
}

static void next_pair(size_t i)
{
    pthread_mutex_lock(&bucket_mu[i]);
    i = (i + 1) % NBUCKETS;
    pthread_mutex_lock(&bucket_mu[i]);
    bucket_len[i]++;
    pthread_mutex_unlock(&bucket_mu[i]);
}

static void hand_over_hand(size_t n)
{
    for (size_t k = 0; k < n; k++) {
        size_t i = k % NBUCKETS;
        pthread_mutex_lock(&bucket_mu[i]);
        bucket_len[i]++;
    }
}

int main(void)
{
    for (size_t i = 0; i < NBUCKETS; i++)
        pthread_mutex_init(&bucket_mu[i], NULL);
    move_one(1, 2);
    next_pair(3);
    hand_over_hand(2);
    return bucket_len[2];
}
