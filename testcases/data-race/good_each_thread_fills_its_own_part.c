// Each worker fills its own half of `table`: the loop starts from the worker's argument, so the
// index is the thread's own and the threads touch different elements.
#include <pthread.h>

#define N 64
static int table[N];

static void *fill(void *arg)
{
    long half = (long)arg;
    for (long i = half * (N / 2); i < (half + 1) * (N / 2); i++)
        table[i] = (int)(i * i);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, fill, (void *)0L);
    pthread_create(&b, NULL, fill, (void *)1L);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return table[3];
}
