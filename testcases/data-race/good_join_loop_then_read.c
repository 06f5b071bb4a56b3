// Workers are joined in a loop before main reads what they wrote.
#include <pthread.h>

#define N 4
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long sum;

static void *add(void *arg)
{
    pthread_mutex_lock(&mu);
    sum += (long)arg;
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    sum = 0;
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, add, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    sum *= 2;
    return (int)sum;
}
