// `queue_finish` is called with `q->mu` held and gives it back on both paths; the second path
// lets other threads in while it flushes and takes the lock again before the final unlock.
#include <pthread.h>

struct queue {
    pthread_mutex_t mu;
    int closed, pending;
};

void flush_output(void);

void queue_finish(struct queue *q)
{
    if (q->closed) {
        pthread_mutex_unlock(&q->mu);
        return;
    }
    pthread_mutex_unlock(&q->mu);
    flush_output();
    pthread_mutex_lock(&q->mu);
    q->pending = 0;
    pthread_mutex_unlock(&q->mu);
}
