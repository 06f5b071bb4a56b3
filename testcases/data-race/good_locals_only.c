// The thread works on its own locals; main on its own.
#include <pthread.h>

static void *sum_to(void *arg)
{
    long n = (long)arg, s = 0;
    for (long i = 1; i <= n; i++)
        s += i;
    return (void *)s;
}

int main(void)
{
    pthread_t t[2];
    int local = 0;
    for (long i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, sum_to, (void *)(i + 10));
    local++;
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return local;
}
