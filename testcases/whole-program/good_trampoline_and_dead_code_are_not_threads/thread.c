// A spawn wrapper that starts every thread through a trampoline (as OVS's ovs_thread_create
// does with ovsthread_wrapper): the trampoline is not a thread of its own beside the ones the
// wrapper's callers name. The library also has a function no code of this program calls,
// which would start a thread: dead code starts nothing.
#include <pthread.h>
#include <stdlib.h>

#include "thread.h"

struct aux {
    void *(*start)(void *);
    void *arg;
};

int stats_resets;

static void *trampoline(void *aux_)
{
    struct aux *aux = aux_;
    void *(*start)(void *) = aux->start;
    void *arg = aux->arg;
    free(aux);
    return start(arg);
}

pthread_t thread_create(void *(*start)(void *), void *arg)
{
    pthread_t t;
    struct aux *aux = malloc(sizeof *aux);
    aux->start = start;
    aux->arg = arg;
    pthread_create(&t, NULL, trampoline, aux);
    return t;
}

static void *resetter(void *arg)
{
    (void)arg;
    stats_resets++;
    return NULL;
}

void stats_restart(void)
{
    pthread_t t = thread_create(resetter, NULL);
    stats_resets = 0;
    pthread_join(t, NULL);
}
