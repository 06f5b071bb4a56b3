// A bounded queue passed to a producer and a consumer thread; `put` and `get` take the queue's
// own mutex through their parameter. Both threads hold `q.mu` at every access of the queue.
#include <pthread.h>

#define N 8

struct queue {
    int buf[N];
    int head, tail, count;
    pthread_mutex_t mu;
    pthread_cond_t not_empty, not_full;
};

static void put(struct queue *q, int v)
{
    pthread_mutex_lock(&q->mu);
    while (q->count == N)
        pthread_cond_wait(&q->not_full, &q->mu);
    q->buf[q->tail] = v;
    q->tail = (q->tail + 1) % N;
    q->count++;
    pthread_cond_signal(&q->not_empty);
    pthread_mutex_unlock(&q->mu);
}

static int get(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    while (q->count == 0)
        pthread_cond_wait(&q->not_empty, &q->mu);
    int v = q->buf[q->head];
    q->head = (q->head + 1) % N;
    q->count--;
    pthread_cond_signal(&q->not_full);
    pthread_mutex_unlock(&q->mu);
    return v;
}

static void *producer(void *arg)
{
    struct queue *q = arg;
    for (int i = 0; i < 100; i++)
        put(q, i);
    put(q, -1);
    return NULL;
}

static void *consumer(void *arg)
{
    struct queue *q = arg;
    long sum = 0;
    int v;
    while ((v = get(q)) >= 0)
        sum += v;
    return (void *)sum;
}

int main(void)
{
    struct queue q = {.head = 0};
    pthread_mutex_init(&q.mu, NULL);
    pthread_cond_init(&q.not_empty, NULL);
    pthread_cond_init(&q.not_full, NULL);
    pthread_t p, c;
    pthread_create(&p, NULL, producer, &q);
    pthread_create(&c, NULL, consumer, &q);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    return q.count;
}
