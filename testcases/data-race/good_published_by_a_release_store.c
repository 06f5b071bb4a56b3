// The producer fills `frame`, then sets `ready` with a release store; the consumer spins on an
// acquire load of `ready` and only then reads `frame`. The store and the load order the write
// before the read.
#include <pthread.h>
#include <stdatomic.h>

static atomic_int ready;
static int frame[64];

static void *producer(void *arg)
{
    for (int i = 0; i < 64; i++)
        frame[i] = i;
    atomic_store_explicit(&ready, 1, memory_order_release);
    return arg;
}

static void *consumer(void *arg)
{
    while (!atomic_load_explicit(&ready, memory_order_acquire))
        ;
    long sum = 0;
    for (int i = 0; i < 64; i++)
        sum += frame[i];
    return (void *)sum;
}

int main(void)
{
    pthread_t p, c;
    pthread_create(&c, NULL, consumer, NULL);
    pthread_create(&p, NULL, producer, NULL);
    pthread_join(p, NULL);
    pthread_join(c, NULL);
    return 0;
}
