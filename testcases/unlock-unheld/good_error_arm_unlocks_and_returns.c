// The error arm unlocks the pool and returns; the other arm's test, `--b->pinned == 0`,
// decrements the field. Every path unlocks once.
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
        return -1;
    } else if (--b->pinned == 0) {
        bp->nfree++;
    }
    pthread_mutex_unlock(&bp->lock);
    return rc;
}
