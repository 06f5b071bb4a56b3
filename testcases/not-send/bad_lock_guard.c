// A lock guard records that *this* thread holds a mutex: unlocking it from another thread is
// undefined, so the guard is NOT_SEND even though its fields are all Send.
#include <pthread.h>
#include <stdlib.h>

#include "../../annotations/fearless.h"

struct NOT_SEND guard {
    pthread_mutex_t *mu;
};

struct unlock_later {
    int delay_ms;
    struct guard g;
};

static void *unlocker(void *arg)
{
    struct unlock_later *u = arg;
    pthread_mutex_unlock(u->g.mu);
    free(u);
    return NULL;
}

int unlock_async(pthread_mutex_t *mu)
{
    pthread_t t;
    struct unlock_later *u = malloc(sizeof *u);
    if (!u)
        return -1;
    pthread_mutex_lock(mu);
    u->delay_ms = 10;
    u->g.mu = mu;
    if (pthread_create(&t, NULL, unlocker, fl_move(u)) != 0) //~ ERROR not-send
        return -1;
    return pthread_detach(t);
}
