// A worker that gives up through pthread_exit on an error, with the queue's lock held: the
// other workers wait for it forever.
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
static int queued;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&queue_mu);
    if (queued < 0)
        pthread_exit(NULL); //~ ERROR lock-leak
    queued--;
    pthread_mutex_unlock(&queue_mu);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return queued;
}
