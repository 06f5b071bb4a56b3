// The drain walks a chain of queues, locking each in turn; on the stop marker it leaves the
// loop holding the lock of the queue it stopped at, and unlocks that queue after the loop.
#include <pthread.h>
#include <stddef.h>

#define QSIZE 64
#define STOP_MARK (-1)

struct jobq {
    pthread_mutex_t lock;
    int items[QSIZE];
    unsigned head, tail;
    struct jobq *next;
};

static struct jobq q2 = {.lock = PTHREAD_MUTEX_INITIALIZER};
static struct jobq q1 = {.lock = PTHREAD_MUTEX_INITIALIZER, .next = &q2};
static long done;

static void drain_chain(struct jobq *jq, int *stop)
{
    for (; jq; jq = jq->next) {
        pthread_mutex_lock(&jq->lock);
        if (jq->head != jq->tail && jq->items[jq->head % QSIZE] == STOP_MARK) {
            *stop = 1;
            break;
        }
        while (jq->head != jq->tail)
            done += jq->items[jq->head++ % QSIZE];
        pthread_mutex_unlock(&jq->lock);
    }
    if (jq)
        pthread_mutex_unlock(&jq->lock);
}

static void *consumer(void *arg)
{
    int stop = 0;
    while (!stop)
        drain_chain(&q1, &stop);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, consumer, NULL);
    pthread_mutex_lock(&q2.lock);
    q2.items[q2.tail++ % QSIZE] = STOP_MARK;
    pthread_mutex_unlock(&q2.lock);
    pthread_join(t, NULL);
    return 0;
}
