// `as_int` and `as_float` are members of one union, the same memory: the reader of one races with
// the writer of the other.
#include <pthread.h>

static union {
    int as_int;
    float as_float;
} sample;

static void *producer(void *arg)
{
    sample.as_int = 42; //~ ERROR data-race
    return arg;
}

static void *consumer(void *arg)
{
    float f = sample.as_float;
    return (void *)(long)f;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, producer, NULL);
    pthread_create(&b, NULL, consumer, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return 0;
}
