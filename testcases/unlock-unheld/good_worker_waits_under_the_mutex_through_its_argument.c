// The worker locks the queue's mutex through a local copy of its argument before it waits (zstd's
// POOL_thread): the wait holds the mutex it names.
#include <pthread.h>

struct queue {
    pthread_mutex_t lock;
    pthread_cond_t filled;
    int items, shutdown;
};

static void *worker(void *opaque)
{
    struct queue *const q = (struct queue *)opaque;
    for (;;) {
        pthread_mutex_lock(&q->lock);
        while (!q->items) {
            if (q->shutdown) {
                pthread_mutex_unlock(&q->lock);
                return opaque;
            }
            pthread_cond_wait(&q->filled, &q->lock);
        }
        q->items--;
        pthread_mutex_unlock(&q->lock);
    }
}

int main(void)
{
    static struct queue q = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
    pthread_t t;
    pthread_create(&t, NULL, worker, &q);
    pthread_mutex_lock(&q.lock);
    q.shutdown = 1;
    pthread_cond_signal(&q.filled);
    pthread_mutex_unlock(&q.lock);
    pthread_join(t, NULL);
    return 0;
}
