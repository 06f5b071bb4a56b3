// The consumer reads `data` only when an acquire load saw `ready` set: no wait loop, one test.
// The producer's write comes before its store of the flag, so the read comes after the write.
#include <pthread.h>
#include <stdatomic.h>

static int data;
static atomic_int ready;

static void *producer(void *arg)
{
    data = 42;
    atomic_store(&ready, 1);
    return arg;
}

static void *consumer(void *arg)
{
    if (atomic_load(&ready))
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
