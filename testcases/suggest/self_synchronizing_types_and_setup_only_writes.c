// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* Nothing to propose for what a lock around it would not protect:
   - a type that synchronizes itself: a run-once guard with its own mutex, a reference count made
     of atomic integers (touched inside locked regions only because they are there);
   - a module descriptor written once by a constructor that runs before any thread, then only
     read (through a const pointer) by code that happens to hold the lock: no write holds it. */
#include <pthread.h>
#include <stdatomic.h>

struct once {
    pthread_mutex_t mu;
    int done;
};
void once_run(struct once *o, void (*fn)(void));

struct refcount {
    atomic_uint count;
};
void ref_get(struct refcount *r);

struct module {
    const char *name;
    int level;
};
int module_enabled(const struct module *m, int level);
void module_register(struct module *m);

static struct module this_module = {"demo", 1};

__attribute__((constructor)) static void init_this_module(void)
{
    module_register(&this_module);
}

static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static int table_size; //~ NOTE suggest-guarded-by

void table_grow(void)
{
    pthread_mutex_lock(&table_mu);
    if (module_enabled(&this_module, 2))
        table_size++;
    pthread_mutex_unlock(&table_mu);
}

void table_shrink(void)
{
    pthread_mutex_lock(&table_mu);
    if (module_enabled(&this_module, 2))
        table_size--;
    pthread_mutex_unlock(&table_mu);
}

void table_clear(void)
{
    pthread_mutex_lock(&table_mu);
    if (this_module.level > 1)
        table_size = 0;
    pthread_mutex_unlock(&table_mu);
}

struct conn {
    pthread_mutex_t mu;
    struct once setup;
    struct refcount ref;
    int bytes; //~ NOTE suggest-guarded-by
};

static void init(void) {}

void conn_send(struct conn *c, int n)
{
    pthread_mutex_lock(&c->mu);
    once_run(&c->setup, init);
    ref_get(&c->ref);
    c->bytes += n;
    pthread_mutex_unlock(&c->mu);
}

void conn_recv(struct conn *c, int n)
{
    pthread_mutex_lock(&c->mu);
    once_run(&c->setup, init);
    ref_get(&c->ref);
    c->bytes -= n;
    pthread_mutex_unlock(&c->mu);
}

void conn_log(struct conn *c)
{
    pthread_mutex_lock(&c->mu);
    c->bytes = 0;
    pthread_mutex_unlock(&c->mu);
}
