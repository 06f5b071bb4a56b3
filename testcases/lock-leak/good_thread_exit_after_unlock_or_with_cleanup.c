// pthread_exit after the unlock, or with a cleanup handler pushed that unlocks (pthread_exit
// runs it): nothing stays locked.
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
static int queued;

static void unlock_queue(void *mu)
{
    pthread_mutex_unlock(mu);
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&queue_mu);
    if (queued < 0) {
        pthread_mutex_unlock(&queue_mu);
        pthread_exit(NULL);
    }
    queued--;
    pthread_mutex_unlock(&queue_mu);
    return NULL;
}

static void *cancellable(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&queue_mu);
    pthread_cleanup_push(unlock_queue, &queue_mu);
    if (queued < 0)
        pthread_exit(NULL);
    queued++;
    pthread_cleanup_pop(1);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, cancellable, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return queued;
}
