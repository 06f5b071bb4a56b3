// Two different threads, the second started after the first is joined.
#include <pthread.h>

static long data;

static void *load(void *arg)
{
    (void)arg;
    data = 100;
    return NULL;
}

static void *transform(void *arg)
{
    (void)arg;
    data = data * 3;
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, load, NULL);
    pthread_join(a, NULL);
    pthread_create(&b, NULL, transform, NULL);
    pthread_join(b, NULL);
    return (int)data;
}
