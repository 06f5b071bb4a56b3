// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* The project's own lock functions: each locks or unlocks, on every path, a lock its caller can
   name (through its parameter, or a global), or says by its result whether it locked. Their
   contracts are proposed, with the lock trimmed to the object the caller knows (`m`, not
   `m->lock`). Silent: a function that locks on some paths only, one already annotated, and a
   hand-made spinlock (its lock checks are not the lock helpers' business). */
#include <pthread.h>

#define FL_ACQUIRE(...) __attribute__((annotate("fearless:acquire:" #__VA_ARGS__)))

struct my_mutex {
    pthread_mutex_t lock;
    const char *where;
};

static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t table_rw = PTHREAD_RWLOCK_INITIALIZER;

void my_mutex_lock(struct my_mutex *m) //~ NOTE suggest-lock-helper
{
    pthread_mutex_lock(&m->lock);
}

void my_mutex_unlock(struct my_mutex *m) //~ NOTE suggest-lock-helper
{
    pthread_mutex_unlock(&m->lock);
}

int my_mutex_trylock(struct my_mutex *m) //~ NOTE suggest-lock-helper
{
    return pthread_mutex_trylock(&m->lock);
}

void table_lock(void) //~ NOTE suggest-lock-helper
{
    pthread_mutex_lock(&table_mu);
}

void table_read_lock(void) //~ NOTE suggest-lock-helper
{
    pthread_rwlock_rdlock(&table_rw);
}

void maybe_lock(struct my_mutex *m, int really)
{
    if (really)
        pthread_mutex_lock(&m->lock);
}

void FL_ACQUIRE(m) annotated_lock(struct my_mutex *m)
{
    pthread_mutex_lock(&m->lock);
}

void spin_lock(volatile int *l)
{
    while (__sync_lock_test_and_set(l, 1))
        ;
}
