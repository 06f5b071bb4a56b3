// Each thread locks the mutex of the queue it was given, but the queues differ: the two
// updates of the global `total` hold two different locks.
#include <pthread.h>

struct queue {
    int count;
    pthread_mutex_t mu;
};

static long total;

static void *producer(void *arg)
{
    struct queue *q = arg;
    pthread_mutex_lock(&q->mu);
    q->count++;
    total++; //~ ERROR data-race
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

static void *consumer(void *arg)
{
    struct queue *q = arg;
    pthread_mutex_lock(&q->mu);
    q->count--;
    total--;
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

int main(void)
{
    struct queue a = {0}, b = {0};
    pthread_mutex_init(&a.mu, NULL);
    pthread_mutex_init(&b.mu, NULL);
    pthread_t p, c;
    pthread_create(&p, NULL, producer, &a);
    pthread_create(&c, NULL, consumer, &b);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    return (int)total;
}
