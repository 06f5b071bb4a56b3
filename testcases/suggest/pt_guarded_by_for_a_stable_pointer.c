// fearless-flags: --suggest --checks=-*,suggest-guarded-by
/* A pointer set once when the object is made, and what it points to changed only under the
   object's lock: what it points to is guarded (PT_GUARDED_BY). The same for a constant pointer to
   a global list that is handed to the list's functions under a global lock: the callee reaches
   what it points to. Where the pointer itself is also
   replaced under the lock, GUARDED_BY on it is proposed instead: reading it already asks for the
   lock at every access through it. */
#include <pthread.h>
#include <stdlib.h>

struct port {
    pthread_mutex_t mu;
    unsigned *txq_used; //~ NOTE suggest-guarded-by
    unsigned n_txq;
};

struct port *port_new(unsigned n)
{
    struct port *p = calloc(1, sizeof *p);
    p->txq_used = calloc(n, sizeof *p->txq_used);
    p->n_txq = n;
    return p;
}

void port_take_txq(struct port *p, unsigned q)
{
    pthread_mutex_lock(&p->mu);
    p->txq_used[q]++;
    pthread_mutex_unlock(&p->mu);
}

void port_drop_txq(struct port *p, unsigned q)
{
    pthread_mutex_lock(&p->mu);
    p->txq_used[q]--;
    pthread_mutex_unlock(&p->mu);
}

struct table {
    pthread_mutex_t mu;
    int *slots; //~ NOTE suggest-guarded-by
};

void table_resize(struct table *t, int n)
{
    pthread_mutex_lock(&t->mu);
    free(t->slots);
    t->slots = calloc(n, sizeof *t->slots);
    t->slots[0] = n;
    pthread_mutex_unlock(&t->mu);
}

void table_set(struct table *t, int i, int v)
{
    pthread_mutex_lock(&t->mu);
    t->slots[i] = v;
    pthread_mutex_unlock(&t->mu);
}

struct list {
    struct list *next;
};
void list_push(struct list *l, struct list *n);
void list_remove(struct list *n);

static pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;
static struct list all_ports__;
static struct list *const all_ports = &all_ports__; //~ NOTE suggest-guarded-by

void registry_add(struct list *n)
{
    pthread_mutex_lock(&registry_mu);
    list_push(all_ports, n);
    pthread_mutex_unlock(&registry_mu);
}

void registry_add_twice(struct list *n, struct list *m)
{
    pthread_mutex_lock(&registry_mu);
    list_push(all_ports, n);
    list_push(all_ports, m);
    pthread_mutex_unlock(&registry_mu);
}
