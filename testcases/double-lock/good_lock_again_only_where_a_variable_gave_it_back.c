// The same variable decides the unlock and the lock: the lock is taken again only where it was
// given back.
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
    if (n == 0)
        pthread_mutex_lock(&q->mu);
    q->len = 0;
    pthread_mutex_unlock(&q->mu);
    return n;
}
