// The flag is set and tested under `m`; the producer wrote `data` before taking `m` to set it.
// A consumer that sees `ready` set under `m` took `m` after the producer released it.
#include <pthread.h>

static int data, ready;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *producer(void *arg)
{
    data = 42;
    pthread_mutex_lock(&m);
    ready = 1;
    pthread_mutex_unlock(&m);
    return arg;
}

static void *consumer(void *arg)
{
    int r = 0;
    pthread_mutex_lock(&m);
    if (ready)
        r = data;
    pthread_mutex_unlock(&m);
    return (void *)(long)r;
}

int main(void)
{
    pthread_t p, c;
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    return 0;
}
