// A relaxed store and a relaxed load order nothing: the consumer may see `ready` set and still
// read an old `frame_size`.
#include <pthread.h>
#include <stdatomic.h>

static atomic_int ready;
static int frame_size;

static void *producer(void *arg)
{
    frame_size = 1500; //~ ERROR data-race
    atomic_store_explicit(&ready, 1, memory_order_relaxed);
    return arg;
}

static void *consumer(void *arg)
{
    while (!atomic_load_explicit(&ready, memory_order_relaxed))
        ;
    return (void *)(long)frame_size;
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
