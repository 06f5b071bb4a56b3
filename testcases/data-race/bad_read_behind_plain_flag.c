// A plain (volatile) flag tested with no lock orders nothing: both the flag and `data` race.
#include <pthread.h>

static int data;
static volatile int ready;

static void *producer(void *arg)
{
    data = 42; //~ ERROR data-race
    ready = 1; //~ ERROR data-race
    return arg;
}

static void *consumer(void *arg)
{
    if (ready)
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
