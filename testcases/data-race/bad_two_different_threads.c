// A producer thread writes `latest` while a consumer thread reads it.
#include <pthread.h>

static int latest;

static void *producer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++)
        latest = i; //~ ERROR data-race
    return NULL;
}

static void *consumer(void *arg)
{
    long seen = 0;
    (void)arg;
    for (int i = 0; i < 100; i++)
        seen += latest;
    return (void *)seen;
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
