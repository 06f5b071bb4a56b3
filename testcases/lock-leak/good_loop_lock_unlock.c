// A worker loop: lock at the top of the body, unlock at the end, leave the loop unlocked.
#include <pthread.h>

struct queue {
    pthread_mutex_t mu;
    int items[32];
    int n;
};

long drain(struct queue *q)
{
    long total = 0;
    for (;;) {
        pthread_mutex_lock(&q->mu);
        if (q->n == 0) {
            pthread_mutex_unlock(&q->mu);
            break;
        }
        total += q->items[--q->n];
        pthread_mutex_unlock(&q->mu);
    }
    return total;
}
