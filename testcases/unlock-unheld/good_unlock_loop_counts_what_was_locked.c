// The snapshot of bad_unlock_all_loop_reached_before_the_lock_all_loop.c, unlocking as many
// shards as it locked: none on the way from the failed allocation.
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
    int rc = 0, locked = 0;
    if (!snap) {
        rc = -1;
        goto unlock;
    }
    for (int i = 0; i < NSHARDS; i++)
        pthread_mutex_lock(&c->shards[i].lock), locked++;
    for (int i = 0; i < NSHARDS; i++) {
        snap[i] = c->shards[i].value;
        c->shards[i].value = 0;
    }
    *out = snap;
unlock:
    for (int i = locked - 1; i >= 0; i--)
        pthread_mutex_unlock(&c->shards[i].lock);
    return rc;
}
