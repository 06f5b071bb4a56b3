// The bucket's lock is taken again through the same index: `i` keeps its value, so this is the
// element already held.
#include <pthread.h>
#include <stddef.h>

#define NBUCKETS 8

static pthread_mutex_t bucket_mu[NBUCKETS];
static int bucket_len[NBUCKETS];

static void touch(size_t i)
{
    pthread_mutex_lock(&bucket_mu[i]);
    bucket_len[i]++;
    pthread_mutex_lock(&bucket_mu[i]); //~ ERROR double-lock
    pthread_mutex_unlock(&bucket_mu[i]);
}

int main(void)
{
    for (size_t i = 0; i < NBUCKETS; i++)
        pthread_mutex_init(&bucket_mu[i], NULL);
    touch(3);
    return bucket_len[3];
}
