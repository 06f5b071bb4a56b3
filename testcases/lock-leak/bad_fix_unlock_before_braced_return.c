// The leaking return sits in a block: the unlock can go on its own line before it, and
// --fix / --export-fixes put it there. A comment between the `{` and the return changes nothing.
#include <pthread.h>

struct queue {
    pthread_mutex_t mu;
    int len, cap;
};

int queue_push(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    if (q->len == q->cap) {
        /* full */
        return -1; //~ ERROR lock-leak
    }
    q->len++;
    pthread_mutex_unlock(&q->mu);
    return 0;
}
