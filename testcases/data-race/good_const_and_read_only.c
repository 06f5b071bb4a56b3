// A const table, and a global that every thread only reads.
#include <pthread.h>

static const int primes[4] = {2, 3, 5, 7};
static int scale = 3;

static void *use(void *arg)
{
    long i = (long)arg;
    return (void *)(long)(primes[i & 3] * scale);
}

int main(void)
{
    pthread_t t[2];
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, use, (void *)i);
    int s = scale + primes[0];
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return s;
}
