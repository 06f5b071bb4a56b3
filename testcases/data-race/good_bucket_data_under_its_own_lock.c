// Each bucket's count is under that bucket's lock, and an object's fields under the lock its
// address hashes to (lock striping): the index that picks the lock picks the data too.
#include <pthread.h>
#include <stdint.h>

#define NBUCKETS 16
#define NSTRIPES 8

struct bucket {
    pthread_mutex_t mu;
    int count;
};

struct item {
    long refs;
};

static struct bucket buckets[NBUCKETS];
static pthread_mutex_t stripes[NSTRIPES];
static struct item items[4];

static void insert(unsigned hash)
{
    struct bucket *b = &buckets[hash % NBUCKETS];
    pthread_mutex_lock(&b->mu);
    b->count++;
    pthread_mutex_unlock(&b->mu);
}

static void item_ref(struct item *it)
{
    pthread_mutex_t *mu = &stripes[((uintptr_t)it >> 4) % NSTRIPES];
    pthread_mutex_lock(mu);
    it->refs++;
    pthread_mutex_unlock(mu);
}

static void *writer(void *arg)
{
    unsigned seed = (unsigned)(long)arg;
    for (unsigned i = 0; i < 1000; i++) {
        insert(seed * 31 + i * 7);
        item_ref(&items[i % 4]);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < NBUCKETS; i++)
        pthread_mutex_init(&buckets[i].mu, NULL);
    for (int i = 0; i < NSTRIPES; i++)
        pthread_mutex_init(&stripes[i], NULL);
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, writer, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
