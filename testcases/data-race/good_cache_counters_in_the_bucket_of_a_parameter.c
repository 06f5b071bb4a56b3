// The cache is passed to its functions, which lock the bucket the key hashes to through the
// cache pointer (`&c->buckets[h].mu`); the hits are counted in that bucket, under its own lock,
// and the cache-wide total under the cache's lock.
#include <pthread.h>

#define NBUCKETS 16

struct bucket {
    pthread_mutex_t mu;
    int nentries;
    unsigned long hits;
};

struct cache {
    pthread_mutex_t mu;
    struct bucket buckets[NBUCKETS];
    unsigned long lookups;
};

static struct cache the_cache = {.mu = PTHREAD_MUTEX_INITIALIZER};

static int cache_get(struct cache *c, unsigned key)
{
    struct bucket *b = &c->buckets[key % NBUCKETS];
    int found;
    pthread_mutex_lock(&b->mu);
    found = b->nentries > 0;
    if (found)
        b->hits++;
    pthread_mutex_unlock(&b->mu);
    pthread_mutex_lock(&c->mu);
    c->lookups++;
    pthread_mutex_unlock(&c->mu);
    return found;
}

static void cache_put(struct cache *c, unsigned key)
{
    pthread_mutex_lock(&c->buckets[key % NBUCKETS].mu);
    c->buckets[key % NBUCKETS].nentries++;
    pthread_mutex_unlock(&c->buckets[key % NBUCKETS].mu);
}

static void *lookup(void *arg)
{
    unsigned seed = (unsigned)(long)arg;
    for (unsigned i = 0; i < 1000; i++)
        if (!cache_get(&the_cache, seed * 31 + i))
            cache_put(&the_cache, seed * 31 + i);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < NBUCKETS; i++)
        pthread_mutex_init(&the_cache.buckets[i].mu, NULL);
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, lookup, (void *)i);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)the_cache.lookups;
}
