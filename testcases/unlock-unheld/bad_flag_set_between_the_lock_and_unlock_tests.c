// The channel is locked only once it is shared, and the unlock tests the same field again;
// but publishing sets the field in between. A put that publishes on an unshared channel
// skips the lock and then unlocks it.
#include <pthread.h>

#define RING 64

struct chan {
    pthread_mutex_t lock;
    int shared;
    int ring[RING];
    unsigned head, tail;
};

int chan_put(struct chan *c, int v, int publish)
{
    int rc = 0;

    if (c->shared)
        pthread_mutex_lock(&c->lock);
    if (c->tail - c->head == RING)
        rc = -1;
    else
        c->ring[c->tail++ % RING] = v;
    if (publish)
        c->shared = 1;
    if (c->shared)
        pthread_mutex_unlock(&c->lock); //~ ERROR unlock-unheld
    return rc;
}
