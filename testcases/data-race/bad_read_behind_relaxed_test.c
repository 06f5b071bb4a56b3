// A relaxed load orders nothing: seeing `ready` set does not make the producer's write of
// `data` visible, so the read races with it.
#include <pthread.h>
#include <stdatomic.h>

static int data;
static atomic_int ready;

static void *producer(void *arg)
{
    data = 42; //~ ERROR data-race
    atomic_store(&ready, 1);
    return arg;
}

static void *consumer(void *arg)
{
    if (atomic_load_explicit(&ready, memory_order_relaxed))
        return (void *)(long)data;
    return arg;
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
