// fearless-flags: --suggest --checks=-*,suggest-sync
/* A struct with its own lock, every other field of which is guarded by it, atomic or const, is
   Sync the way Rust's Mutex<T> is: SYNC is proposed. Silent: a struct with one field nothing
   guards (`hint`, read and written without the lock). */
#include <pthread.h>
#include <stdatomic.h>

struct counter { //~ NOTE suggest-sync
    pthread_mutex_t mu;
    long packets;
    long bytes;
    atomic_int refs;
    const char *const name;
};

struct cache {
    pthread_mutex_t mu;
    long hits;
    long misses;
    int hint;
};

void counter_add(struct counter *c, long n)
{
    pthread_mutex_lock(&c->mu);
    c->packets++;
    c->bytes += n;
    pthread_mutex_unlock(&c->mu);
}

long counter_read(struct counter *c)
{
    pthread_mutex_lock(&c->mu);
    long n = c->packets + c->bytes;
    pthread_mutex_unlock(&c->mu);
    return n;
}

void cache_hit(struct cache *c, int h)
{
    pthread_mutex_lock(&c->mu);
    c->hits++;
    c->misses--;
    pthread_mutex_unlock(&c->mu);
    c->hint = h;
}

long cache_read(struct cache *c)
{
    pthread_mutex_lock(&c->mu);
    long n = c->hits + c->misses;
    pthread_mutex_unlock(&c->mu);
    return n + c->hint;
}
