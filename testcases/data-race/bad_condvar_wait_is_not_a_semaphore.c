// Waiting on a condition variable until a queue is not empty, without taking an item, is no
// semaphore: every waiter wakes up to the same items, and both consumers then touch the head
// without the lock.
#include <pthread.h>

struct queue {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int count;
    int head;
};

static struct queue q = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};

static void wait_nonempty(struct queue *qu)
{
    pthread_mutex_lock(&qu->lock);
    while (!qu->count)
        pthread_cond_wait(&qu->cond, &qu->lock);
    pthread_mutex_unlock(&qu->lock);
}

static void post(struct queue *qu)
{
    pthread_mutex_lock(&qu->lock);
    qu->count++;
    pthread_cond_broadcast(&qu->cond);
    pthread_mutex_unlock(&qu->lock);
}

static void *consumer(void *arg)
{
    (void)arg;
    wait_nonempty(&q);
    q.head++; //~ ERROR data-race
    post(&q);
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, consumer, NULL);
    post(&q);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
