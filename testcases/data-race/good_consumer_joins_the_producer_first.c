// `main` starts the producer, keeping its handle in a global, and a consumer that joins the
// producer before it reads what the producer wrote: the join orders the write before the read.
#include <pthread.h>

static pthread_t producer_thread;
static long frame[16];

static void *producer(void *arg)
{
    for (int i = 0; i < 16; i++)
        frame[i] = i;
    return arg;
}

static void *consumer(void *arg)
{
    pthread_join(producer_thread, NULL);
    long sum = 0;
    for (int i = 0; i < 16; i++)
        sum += frame[i];
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
