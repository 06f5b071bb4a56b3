// A consumer waits on a condition variable: pthread_cond_wait gives the mutex back locked.
#include <pthread.h>

struct queue {
    pthread_mutex_t mu;
    pthread_cond_t nonempty;
    int items[32];
    int n;
};

int queue_pop(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    while (q->n == 0)
        pthread_cond_wait(&q->nonempty, &q->mu);
    int v = q->items[--q->n];
    pthread_mutex_unlock(&q->mu);
    return v;
}
