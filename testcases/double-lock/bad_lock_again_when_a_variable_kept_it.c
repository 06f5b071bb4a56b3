// `n` decides the early unlock: when the queue was not empty, the lock is still held at the
// second lock.
#include <pthread.h>

struct queue {
    pthread_mutex_t mu;
    int len;
};

int drain(struct queue *q, int *out)
{
    pthread_mutex_lock(&q->mu);
    int n = q->len;
    if (n == 0)
        pthread_mutex_unlock(&q->mu);
    *out = n > 5 ? 5 : n;
    pthread_mutex_lock(&q->mu); //~ ERROR double-lock
    q->len = 0;
    pthread_mutex_unlock(&q->mu);
    return n;
}
