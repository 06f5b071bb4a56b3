// When the allocation fails, snapshot() jumps to the loop that unlocks every shard before the
// loop that locks them has run: it unlocks four mutexes nobody holds.
#include <pthread.h>
#include <stdlib.h>

#define NSHARDS 4

struct shard {
    pthread_mutex_t lock;
    long value;
};

struct counter {
    struct shard shards[NSHARDS];
};

int snapshot(struct counter *c, long **out)
{
    long *snap = malloc(NSHARDS * sizeof *snap);
    int rc = 0;
    if (!snap) {
        rc = -1;
        goto unlock;
    }
    for (int i = 0; i < NSHARDS; i++)
        pthread_mutex_lock(&c->shards[i].lock);
    for (int i = 0; i < NSHARDS; i++) {
        snap[i] = c->shards[i].value;
        c->shards[i].value = 0;
    }
    *out = snap;
unlock:
    for (int i = NSHARDS - 1; i >= 0; i--)
        pthread_mutex_unlock(&c->shards[i].lock); //~ ERROR unlock-unheld
    return rc;
}
