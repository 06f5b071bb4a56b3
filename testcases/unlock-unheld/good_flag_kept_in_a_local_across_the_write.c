// The channel is locked only once it is shared; publishing sets the field in between, so the
// put keeps what the lock's test saw in a local and unlocks by that.
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
    int locked = c->shared;

    if (locked)
        pthread_mutex_lock(&c->lock);
    if (c->tail - c->head == RING)
        rc = -1;
    else
        c->ring[c->tail++ % RING] = v;
    if (publish)
        c->shared = 1;
    if (locked)
        pthread_mutex_unlock(&c->lock);
    return rc;
}
