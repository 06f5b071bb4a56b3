#include "queue.h"

int queue_pop(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    int n = --q->len;
    pthread_mutex_unlock(&q->mu);
    return n;
}
