// The consumer waits for an item with `registry_mu` still held; the producer takes
// `registry_mu` before it can signal, so it waits for the consumer, which waits for it.
#include <pthread.h>

static pthread_mutex_t registry_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_nonempty = PTHREAD_COND_INITIALIZER;
static int items, registered;

static void *consumer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&registry_mu);
    pthread_mutex_lock(&queue_mu);
    while (items == 0)
        pthread_cond_wait(&queue_nonempty, &queue_mu); //~ ERROR lock-order
    items--;
    pthread_mutex_unlock(&queue_mu);
    registered--;
    pthread_mutex_unlock(&registry_mu);
    return NULL;
}

static void *producer(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&registry_mu);
    registered++;
    pthread_mutex_lock(&queue_mu);
    items++;
    pthread_cond_signal(&queue_nonempty);
    pthread_mutex_unlock(&queue_mu);
    pthread_mutex_unlock(&registry_mu);
    return NULL;
}

int main(void)
{
    pthread_t c, p;
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&p, NULL, producer, NULL);
    pthread_join(c, NULL);
    pthread_join(p, NULL);
    return 0;
}
