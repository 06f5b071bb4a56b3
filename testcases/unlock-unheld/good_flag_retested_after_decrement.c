// The queue is locked only while other users share it, and the unlock tests the same count
// before dropping this user from it (`q->users-- > 1` tests the value the lock's test saw):
// every path that locks unlocks, and no other does.
#include <pthread.h>

struct queue {
    pthread_mutex_t lock;
    int users;
    int len;
};

int queue_leave(struct queue *q)
{
    int left;
    if (q->users > 1)
        pthread_mutex_lock(&q->lock);
    left = q->len;
    if (q->users-- > 1)
        pthread_mutex_unlock(&q->lock);
    return left;
}
