// The cache is passed to its functions, which lock the bucket the key hashes to through the
// cache pointer (`&c->buckets[h].mu`), and count hits into the cache itself under that bucket's
// lock: two lookups in different buckets hold different locks at `c->hits++`.
#include <pthread.h>

#define NBUCKETS 16

struct bucket {
    pthread_mutex_t mu;
    int nentries;
};

struct cache {
    struct bucket buckets[NBUCKETS];
    unsigned long hits;
};

static struct cache the_cache;

static int cache_get(struct cache *c, unsigned key)
{
    struct bucket *b = &c->buckets[key % NBUCKETS];
    int found;
    pthread_mutex_lock(&b->mu);
    found = b->nentries > 0;
    if (found)
        c->hits++; //~ ERROR data-race
    pthread_mutex_unlock(&b->mu);
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
    return (int)the_cache.hits;
}
