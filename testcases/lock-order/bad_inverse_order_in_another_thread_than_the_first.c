// A cache of two locks: lookup holds `index_lock` and touches the LRU list (`lru_lock`); insert
// and evict hold `lru_lock` and update the index (`index_lock`). The client thread does lookups
// and inserts, one after the other; the janitor thread evicts. Insert never runs beside lookup,
// but evict does: the janitor and the client can deadlock.
#include <pthread.h>

static pthread_mutex_t index_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lru_lock = PTHREAD_MUTEX_INITIALIZER;
static int index_map[64];
static int slot_key[8];
static unsigned long slot_stamp[8], lru_clock;

static void lru_touch(int slot)
{
    pthread_mutex_lock(&lru_lock);
    slot_stamp[slot] = ++lru_clock;
    pthread_mutex_unlock(&lru_lock);
}

static void index_set(int key, int slot)
{
    pthread_mutex_lock(&index_lock);
    index_map[key] = slot;
    pthread_mutex_unlock(&index_lock);
}

static int cache_lookup(int key)
{
    pthread_mutex_lock(&index_lock);
    int slot = index_map[key];
    if (slot >= 0)
        lru_touch(slot);
    pthread_mutex_unlock(&index_lock);
    return slot;
}

static void cache_insert(int key)
{
    pthread_mutex_lock(&lru_lock);
    for (int i = 0; i < 8; i++)
        if (slot_key[i] < 0) {
            slot_key[i] = key;
            index_set(key, i);
            break;
        }
    pthread_mutex_unlock(&lru_lock);
}

static void cache_evict_one(void)
{
    pthread_mutex_lock(&lru_lock);
    int victim = 0;
    for (int i = 1; i < 8; i++)
        if (slot_stamp[i] < slot_stamp[victim])
            victim = i;
    if (slot_key[victim] >= 0) {
        index_set(slot_key[victim], -1); //~ ERROR lock-order
        slot_key[victim] = -1;
    }
    pthread_mutex_unlock(&lru_lock);
}

static void *client(void *arg)
{
    for (int i = 0; i < 1000; i++)
        if (cache_lookup(i % 64) < 0)
            cache_insert(i % 64);
    return arg;
}

static void *janitor(void *arg)
{
    for (int i = 0; i < 1000; i++)
        cache_evict_one();
    return arg;
}

int main(void)
{
    pthread_t c, j;
    for (int i = 0; i < 64; i++)
        index_map[i] = -1;
    for (int i = 0; i < 8; i++)
        slot_key[i] = -1;
    pthread_create(&c, NULL, client, NULL);
    pthread_create(&j, NULL, janitor, NULL);
    pthread_join(c, NULL);
    pthread_join(j, NULL);
    return 0;
}
