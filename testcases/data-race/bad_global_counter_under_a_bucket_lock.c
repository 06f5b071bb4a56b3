// Each insert locks the bucket its key hashes to, and also counts into one global total under
// that bucket's lock: two inserts into different buckets hold different locks at `entries++`.
#include <pthread.h>

#define NBUCKETS 16

struct bucket {
    pthread_mutex_t mu;
    int count;
};

static struct bucket buckets[NBUCKETS];
static long entries;

static void insert(unsigned hash)
{
    struct bucket *b = &buckets[hash % NBUCKETS];
    pthread_mutex_lock(&b->mu);
    b->count++;
    entries++; //~ ERROR data-race
    pthread_mutex_unlock(&b->mu);
}

static void *writer(void *arg)
{
    unsigned seed = (unsigned)(long)arg;
    for (unsigned i = 0; i < 1000; i++)
        insert(seed * 31 + i * 7);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < NBUCKETS; i++)
        pthread_mutex_init(&buckets[i].mu, NULL);
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, writer, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)entries;
}
