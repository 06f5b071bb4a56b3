// fearless-flags: --suggest --checks=-*,suggest-thread-wrapper,suggest-move
/* Spawn and join wrappers and functions that take ownership: their parameters' contracts, from
   what their bodies do on every path. Silent: a wrapper that keeps the handle inside a struct
   (`p->tids[i]`: no annotation says where, and without it the calls would read as spawns never
   joined), and a function that frees its argument on some paths only. */
#include <pthread.h>
#include <stdlib.h>

struct job {
    int n;
    char *buf;
};

struct pool {
    pthread_t tids[4];
    int n;
};

int spawn_one(pthread_t *t, void *(*fn)(void *), void *arg) //~ NOTE suggest-thread-wrapper
{
    return pthread_create(t, NULL, fn, arg);
}

void join_one(pthread_t t) //~ NOTE suggest-thread-wrapper
{
    pthread_join(t, NULL);
}

void job_free(struct job *j) //~ NOTE suggest-move
{
    free(j->buf);
    free(j);
}

int pool_spawn(struct pool *p, void *(*fn)(void *), void *arg)
{
    return pthread_create(&p->tids[p->n++], NULL, fn, arg);
}

void job_maybe_free(struct job *j, int done)
{
    if (done)
        free(j);
}
