// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* Helpers that never lock `mu` but are only ever called with it held (proposed REQUIRES(t->mu)) (what OVS_REQUIRES says in
   Open vSwitch, and code without annotations only does): their accesses count as holding it,
   through the argument that carries the object, two calls deep. A helper also called without the
   lock does not count either way. */
#include <pthread.h>
#include <stdlib.h>

struct table {
    pthread_mutex_t mu;
    int n; //~ NOTE suggest-guarded-by
    int spare; //~ NOTE suggest-guarded-by
};

struct table *table_new(void)
{
    return calloc(1, sizeof(struct table));
}

static void grow_locked(struct table *t) //~ NOTE suggest-requires
{
    t->n++;
    t->spare--;
}

static void insert_locked(struct table *t) //~ NOTE suggest-requires
{
    grow_locked(t);
    t->n++;
}

void table_insert(struct table *t)
{
    pthread_mutex_lock(&t->mu);
    insert_locked(t);
    pthread_mutex_unlock(&t->mu);
}

int table_size(struct table *t)
{
    pthread_mutex_lock(&t->mu);
    int n = t->n;
    pthread_mutex_unlock(&t->mu);
    return n;
}

static int peek_spare(struct table *t)
{
    return t->spare;
}

int spare_unlocked(struct table *t)
{
    return peek_spare(t);
}

int spare_locked(struct table *t)
{
    pthread_mutex_lock(&t->mu);
    int s = peek_spare(t);
    pthread_mutex_unlock(&t->mu);
    return s;
}

void table_reset(struct table *t)
{
    pthread_mutex_lock(&t->mu);
    t->spare = 0;
    pthread_mutex_unlock(&t->mu);
}
