// The lock is handed to a thread that unlocks it later: this function never releases it, so it
// is not leaking it (whether that hand-over is wise is another matter).
#include <pthread.h>
#include <stdlib.h>

struct unlock_later {
    pthread_mutex_t *mu;
};

static void *unlocker(void *arg)
{
    struct unlock_later *u = arg;
    pthread_mutex_unlock(u->mu);
    free(u);
    return NULL;
}

int lock_for_a_while(pthread_mutex_t *mu)
{
    pthread_t t;
    struct unlock_later *u = malloc(sizeof *u);
    if (!u)
        return -1;
    pthread_mutex_lock(mu);
    u->mu = mu;
    if (pthread_create(&t, NULL, unlocker, u) != 0)
        return -1;
    return pthread_detach(t);
}
