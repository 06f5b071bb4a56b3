// The producer writes the result before its barrier wait and the consumer reads it after its
// own, both through helpers: the barrier orders the write before the read.
#include <pthread.h>

static pthread_barrier_t ready;
static int result;

static void publish(int v)
{
    result = v;
}

static int consume(void)
{
    return result;
}

static void *producer(void *arg)
{
    (void)arg;
    publish(42);
    pthread_barrier_wait(&ready);
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&ready);
    return (void *)(long)consume();
}

int main(void)
{
    pthread_t p, c;
    pthread_barrier_init(&ready, NULL, 2);
    pthread_create(&p, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    return 0;
}
