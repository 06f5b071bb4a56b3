// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* The sibling lock is a project's own mutex type wrapping pthread's (as Open vSwitch's struct
   ovs_mutex does), taken through the object's pointer by the project's lock functions: the lock
   the proposal names is the wrapper, `mutex`, not the pthread mutex inside it. */
#include <pthread.h>

struct my_mutex {
    pthread_mutex_t lock;
    const char *where;
};

void my_mutex_lock(struct my_mutex *m) //~ NOTE suggest-lock-helper
{
    pthread_mutex_lock(&m->lock);
}

void my_mutex_unlock(struct my_mutex *m) //~ NOTE suggest-lock-helper
{
    pthread_mutex_unlock(&m->lock);
}

struct conn {
    struct my_mutex mutex;
    int state; //~ NOTE suggest-guarded-by
    int probes; //~ NOTE suggest-guarded-by
};

void conn_connect(struct conn *c)
{
    my_mutex_lock(&c->mutex);
    c->state = 1;
    c->probes = 0;
    my_mutex_unlock(&c->mutex);
}

void conn_probe(struct conn *c)
{
    my_mutex_lock(&c->mutex);
    if (c->state == 1)
        c->probes++;
    my_mutex_unlock(&c->mutex);
}
