// Both workers walk the buckets and bump each one's count: the same field of every element.
#include <pthread.h>

struct bucket {
    long count;
    long bytes;
};

static struct bucket buckets[16];

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 16; i++)
        buckets[i].count++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)buckets[0].count;
}
