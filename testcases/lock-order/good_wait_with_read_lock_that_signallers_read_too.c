// The consumer waits holding the read side of `r`; the producer signals holding the read side
// too: readers do not wait for readers, so the signal always comes (glibc's tst-rwlock16).
#include <pthread.h>

static pthread_rwlock_t r = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int stop_consumer;

static void *producer(void *arg)
{
    (void)arg;
    pthread_rwlock_rdlock(&r);
    pthread_mutex_lock(&m);
    stop_consumer = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&m);
    pthread_rwlock_unlock(&r);
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    pthread_rwlock_rdlock(&r);
    pthread_mutex_lock(&m);
    while (!stop_consumer)
        pthread_cond_wait(&cv, &m);
    pthread_mutex_unlock(&m);
    pthread_rwlock_unlock(&r);
    return NULL;
}

int main(void)
{
    pthread_t p, c;
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&p, NULL, producer, NULL);
    pthread_join(c, NULL);
    pthread_join(p, NULL);
    return 0;
}
