// `cache_fill` tells `cache_put` that it holds `c->lock` (locked = true) without taking it:
// its updates race with the writers' locked ones.
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
    c->vals[key % NSLOTS] = val; //~ ERROR data-race
    c->puts++; //~ ERROR data-race
    if (!locked)
        pthread_mutex_unlock(&c->lock);
}

static void cache_refresh(struct cache *c, int key)
{
    pthread_mutex_lock(&c->lock);
    cache_put(c, key, c->vals[key % NSLOTS] + 1, true);
    pthread_mutex_unlock(&c->lock);
}

static void cache_fill(struct cache *c, int n)
{
    for (int i = 0; i < n; i++)
        cache_put(c, i, 0, true);
}

static void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++)
        cache_put(&g_cache, i, i, false);
    return NULL;
}

static void *refresher(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++)
        cache_refresh(&g_cache, i);
    return NULL;
}

static void *filler(void *arg)
{
    (void)arg;
    for (int round = 0; round < 50; round++)
        cache_fill(&g_cache, NSLOTS);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2, t3;

    pthread_create(&t1, NULL, writer, NULL);
    pthread_create(&t2, NULL, refresher, NULL);
    pthread_create(&t3, NULL, filler, NULL);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_join(t3, NULL);
    printf("puts=%d\n", g_cache.puts);
    return 0;
}
