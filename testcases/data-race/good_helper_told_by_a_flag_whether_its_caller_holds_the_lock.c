// `cache_put` locks `c->lock` itself only when told the caller does not hold it: the writers pass
// false, and `cache_bump` passes true holding the lock. Every update of the cache is under it.
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

#define NSLOTS 16

struct cache {
    pthread_mutex_t lock;
    int vals[NSLOTS];
    int puts;
};

static struct cache g_cache = { .lock = PTHREAD_MUTEX_INITIALIZER };

static void cache_put(struct cache *c, int key, int val, bool locked)
{
    if (!locked)
        pthread_mutex_lock(&c->lock);
    c->vals[key % NSLOTS] = val;
    c->puts++;
    if (!locked)
        pthread_mutex_unlock(&c->lock);
}

static void cache_bump(struct cache *c, int key)
{
    pthread_mutex_lock(&c->lock);
    int old = c->vals[key % NSLOTS];
    cache_put(c, key, old + 1, true);
    pthread_mutex_unlock(&c->lock);
}

static void *writer(void *arg)
{
    int base = *(int *)arg;
    for (int i = 0; i < 1000; i++)
        cache_put(&g_cache, base + i, i, false);
    return NULL;
}

static void *bumper(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++)
        cache_bump(&g_cache, i);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2, t3;
    int b1 = 0, b2 = 7;

    pthread_create(&t1, NULL, writer, &b1);
    pthread_create(&t2, NULL, writer, &b2);
    pthread_create(&t3, NULL, bumper, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_join(t3, NULL);
    printf("puts=%d\n", g_cache.puts);
    return 0;
}
