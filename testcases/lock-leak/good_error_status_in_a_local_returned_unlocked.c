// A lock helper: it returns 0 with the queue locked when there is a job for the caller to
// take, and unlocks before returning an error status kept in a local.
#include <errno.h>
#include <pthread.h>

#define QCAP 16

struct queue {
    pthread_mutex_t lock;
    int jobs[QCAP];
    int head, count, closed;
};

int queue_lock_nonempty(struct queue *q)
{
    if (pthread_mutex_trylock(&q->lock) != 0)
        return -EBUSY;
    if (q->count == 0) {
        int rc = q->closed ? -EPIPE : -EAGAIN;
        pthread_mutex_unlock(&q->lock);
        return rc;
    }
    return 0;
}
