// The queue is unlocked only when it is empty; when it is not, the second lock waits for the
// lock this thread still holds.
#include <pthread.h>

struct queue {
    pthread_mutex_t mu;
    int len;
};

int drain(struct queue *q, int *out)
{
    pthread_mutex_lock(&q->mu);
    *out = q->len;
    if (q->len == 0)
        pthread_mutex_unlock(&q->mu);
    pthread_mutex_lock(&q->mu); //~ ERROR double-lock
    q->len = 0;
    pthread_mutex_unlock(&q->mu);
    return *out;
}
