// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* The evidence of every file that uses the header's struct adds up: one access in each file,
   one proposal. */
#include "queue.h"

void queue_push(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    q->len++;
    pthread_mutex_unlock(&q->mu);
}
