// The drain loop locks the queue it was given on every round; on the stop marker it leaves the
// loop with the lock still held. The queue pointer is a parameter the function never changes,
// so every round locks the same lock, and no round after the break gives it back.
#include <pthread.h>

#define QSIZE 64
#define STOP_MARK (-1)

struct jobq {
    pthread_mutex_t lock;
    int items[QSIZE];
    unsigned head, tail;
};

static struct jobq q = {.lock = PTHREAD_MUTEX_INITIALIZER};
static long done;

static void jobq_drain(struct jobq *jq, int *stop)
{
    for (;;) {
        pthread_mutex_lock(&jq->lock);
        if (jq->head == jq->tail) {
            pthread_mutex_unlock(&jq->lock);
            break;
        }
        if (jq->items[jq->head % QSIZE] == STOP_MARK) {
            *stop = 1;
            break; //~ ERROR lock-leak
        }
        done += jq->items[jq->head % QSIZE];
        jq->head++;
        pthread_mutex_unlock(&jq->lock);
    }
}

static void *consumer(void *arg)
{
    int stop = 0;
    while (!stop)
        jobq_drain(&q, &stop);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, consumer, NULL);
    pthread_mutex_lock(&q.lock);
    q.items[q.tail++ % QSIZE] = STOP_MARK;
    pthread_mutex_unlock(&q.lock);
    pthread_join(t, NULL);
    return 0;
}
