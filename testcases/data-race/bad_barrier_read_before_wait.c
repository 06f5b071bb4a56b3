// The consumer reads the result before its barrier wait, in the same phase as the producer's
// write before its own: the barrier orders neither with the other.
#include <pthread.h>

static pthread_barrier_t ready;
static int result;

static void publish(int v)
{
    result = v; //~ ERROR data-race
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
    int early = consume();
    pthread_barrier_wait(&ready);
    return (void *)(long)early;
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
