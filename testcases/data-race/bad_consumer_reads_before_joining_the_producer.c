// The consumer reads `frame` before it joins the producer: the read may meet the producer's writes.
#include <pthread.h>

static pthread_t producer_thread;
static long frame[16];

static void *producer(void *arg)
{
    for (int i = 0; i < 16; i++)
        frame[i] = i; //~ ERROR data-race
    return arg;
}

static void *consumer(void *arg)
{
    long sum = 0;
    for (int i = 0; i < 16; i++)
        sum += frame[i];
    pthread_join(producer_thread, NULL);
    return (void *)sum;
}

int main(void)
{
    pthread_t c;
    pthread_create(&producer_thread, NULL, producer, NULL);
    pthread_create(&c, NULL, consumer, NULL);
    pthread_join(c, NULL);
    return 0;
}
