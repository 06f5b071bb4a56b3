// Each worker owns the bucket its id names, and the walk over every bucket's other field happens
// after the joins; one worker walks a field no other thread touches.
#include <pthread.h>

struct bucket {
    long count;
    long bytes;
};

static struct bucket buckets[16];

static void *worker(void *arg)
{
    long id = (long)arg;
    buckets[id].count++;
    return NULL;
}

static void *sizer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 16; i++)
        buckets[i].bytes = 0;
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    pthread_create(&t[0], NULL, worker, (void *)1L);
    pthread_create(&t[1], NULL, worker, (void *)2L);
    pthread_create(&t[2], NULL, sizer, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    long total = 0;
    for (int i = 0; i < 16; i++)
        total += buckets[i].count;
    return (int)total;
}
