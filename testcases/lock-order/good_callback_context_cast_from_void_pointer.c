// The same handler through a typed copy of its `void *` context, with the cache reading the
// bus's generation before it takes its own lock: the bus lock is never taken with the cache's
// held, and the one order (bus, then cache) is consistent.
#include <pthread.h>

struct bus {
    pthread_mutex_t lock;
    unsigned long generation;
};

struct cache {
    pthread_mutex_t lock;
    int nkeys;
    unsigned long seen;
};

static struct bus g_bus = {PTHREAD_MUTEX_INITIALIZER, 0};
static struct cache g_cache = {PTHREAD_MUTEX_INITIALIZER, 0, 0};

static void cache_on_event(int event, void *ctx)
{
    struct cache *c = ctx;
    if (event != 1)
        return;
    pthread_mutex_lock(&c->lock);
    c->nkeys = 0;
    pthread_mutex_unlock(&c->lock);
}

static void bus_publish(struct bus *b, int event, void *ctx)
{
    pthread_mutex_lock(&b->lock);
    b->generation++;
    cache_on_event(event, ctx);
    pthread_mutex_unlock(&b->lock);
}

static unsigned long bus_generation(struct bus *b)
{
    pthread_mutex_lock(&b->lock);
    unsigned long g = b->generation;
    pthread_mutex_unlock(&b->lock);
    return g;
}

static void cache_insert(struct cache *c)
{
    unsigned long g = bus_generation(&g_bus);
    pthread_mutex_lock(&c->lock);
    if (g != c->seen) {
        c->nkeys = 0;
        c->seen = g;
    }
    c->nkeys++;
    pthread_mutex_unlock(&c->lock);
}

static void *expirer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++)
        bus_publish(&g_bus, 1, &g_cache);
    return NULL;
}

static void *inserter(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++)
        cache_insert(&g_cache);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, expirer, NULL);
    pthread_create(&b, NULL, inserter, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
