// The flag is set, cleared and set again: a consumer that saw either setting may read `value`
// while the producer writes it, so the flag orders neither write.
#include <pthread.h>
#include <stdatomic.h>

static atomic_int ready;
static int value;

static void *producer(void *arg)
{
    value = 1; //~ ERROR data-race
    atomic_store(&ready, 1);
    atomic_store(&ready, 0);
    value = 2;
    atomic_store(&ready, 1);
    return arg;
}

static void *consumer(void *arg)
{
    while (!atomic_load(&ready))
        ;
    return (void *)(long)value;
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
