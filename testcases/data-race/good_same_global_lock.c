// Both sides take the same global mutex.
#include <pthread.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long queued;

static void *producer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10; i++) {
        pthread_mutex_lock(&mu);
        queued++;
        pthread_mutex_unlock(&mu);
    }
    return NULL;
}

int main(void)
{
    pthread_t t;
    long q;
    pthread_create(&t, NULL, producer, NULL);
    pthread_mutex_lock(&mu);
    q = queued;
    queued = 0;
    pthread_mutex_unlock(&mu);
    pthread_join(t, NULL);
    return (int)q;
}
