// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* Two locks are held around a field's accesses: the global registry lock at many reads, the
   object's own lock at every write. The lock the writes hold is the one that guards it. And a map
   published through an atomic pointer (read without a lock, RCU style) is still written under its
   lock: that lock guards it, the way Open vSwitch annotates its concurrent maps. */
#include <pthread.h>
#include <stdatomic.h>

struct rcu_map {
    _Atomic(void *) impl;
};
void rcu_map_insert(struct rcu_map *m, int key);
int rcu_map_find(const struct rcu_map *m, int key);

static pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;

struct port {
    pthread_mutex_t mu;
    int state; //~ NOTE suggest-guarded-by
    struct rcu_map flows; //~ NOTE suggest-guarded-by
};

void port_set(struct port *p, int s)
{
    pthread_mutex_lock(&p->mu);
    p->state = s;
    rcu_map_insert(&p->flows, s);
    pthread_mutex_unlock(&p->mu);
}

void port_reset(struct port *p)
{
    pthread_mutex_lock(&p->mu);
    p->state = 0;
    rcu_map_insert(&p->flows, 0);
    pthread_mutex_unlock(&p->mu);
}

int registry_dump(struct port *p)
{
    pthread_mutex_lock(&registry_mu);
    int n = p->state + p->state + p->state;
    pthread_mutex_unlock(&registry_mu);
    return n;
}

int registry_count(struct port *p)
{
    pthread_mutex_lock(&registry_mu);
    int n = p->state + p->state;
    pthread_mutex_unlock(&registry_mu);
    return n;
}

int port_lookup(struct port *p, int key)
{
    return rcu_map_find(&p->flows, key);
}
