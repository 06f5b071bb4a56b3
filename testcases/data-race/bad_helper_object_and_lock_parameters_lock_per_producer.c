// enqueue is given the lock and the queue as two parameters. Each producer passes the lock of
// its own descriptor but the one shared queue, so the producers' updates of `queue.len` hold
// different locks and race: the queue is reached through enqueue's second parameter.
#include <pthread.h>
#include <stdio.h>

#define QUEUE_CAP 256
#define NPRODUCERS 2

struct job_queue {
    int jobs[QUEUE_CAP];
    int len;
};

typedef struct {
    pthread_mutex_t lock;
    struct job_queue *queue;
    int first_job;
} producer_t;

static void enqueue(pthread_mutex_t *lock, struct job_queue *q, int job)
{
    pthread_mutex_lock(lock);
    if (q->len < QUEUE_CAP)
        q->jobs[q->len++] = job; //~ ERROR data-race
    pthread_mutex_unlock(lock);
}

static void *producer(void *arg)
{
    producer_t *p = arg;
    for (int i = 0; i < 100; i++)
        enqueue(&p->lock, p->queue, p->first_job + i);
    return NULL;
}

int main(void)
{
    static struct job_queue queue;
    producer_t prods[NPRODUCERS];
    pthread_t tids[NPRODUCERS];

    for (int i = 0; i < NPRODUCERS; i++) {
        pthread_mutex_init(&prods[i].lock, NULL);
        prods[i].queue = &queue;
        prods[i].first_job = i * 1000;
        pthread_create(&tids[i], NULL, producer, &prods[i]);
    }
    for (int i = 0; i < NPRODUCERS; i++) {
        pthread_join(tids[i], NULL);
        pthread_mutex_destroy(&prods[i].lock);
    }
    printf("%d jobs queued\n", queue.len);
    return 0;
}
