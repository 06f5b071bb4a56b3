// The error arm unlocks the pool and sets the status, then falls through to the unlock every
// path shares: the pool is unlocked twice when the buffer was not pinned. The other arm's test,
// `--b->pinned == 0`, decrements the field: it tests a new value, not the first test's.
#include <pthread.h>

struct buf {
    int pinned;
};

struct bufpool {
    pthread_mutex_t lock;
    int nfree;
    unsigned long errors;
};

int buf_release(struct bufpool *bp, struct buf *b)
{
    int rc = 0;

    pthread_mutex_lock(&bp->lock);
    if (b->pinned == 0) {
        bp->errors++;
        pthread_mutex_unlock(&bp->lock);
        rc = -1;
    } else if (--b->pinned == 0) {
        bp->nfree++;
    }
    pthread_mutex_unlock(&bp->lock); //~ ERROR unlock-unheld
    return rc;
}
