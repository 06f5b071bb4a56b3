// A non-blocking take: when the queue is empty it returns an error status kept in a local,
// still holding the queue's lock; only the path that took a job unlocks.
#include <errno.h>
#include <pthread.h>

#define QCAP 16

struct queue {
    pthread_mutex_t lock;
    int jobs[QCAP];
    int head, count, closed;
};

int queue_try_take(struct queue *q, int *out)
{
    if (pthread_mutex_trylock(&q->lock) != 0)
        return -EBUSY;
    if (q->count == 0) {
        int rc = q->closed ? -EPIPE : -EAGAIN;
        return rc; //~ ERROR lock-leak
    }
    *out = q->jobs[q->head];
    q->head = (q->head + 1) % QCAP;
    q->count--;
    pthread_mutex_unlock(&q->lock);
    return 0;
}
