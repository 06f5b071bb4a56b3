// The dining philosophers, fixed by one left-handed philosopher: the last takes the right fork
// first, so not every philosopher can hold a left fork while waiting.
#include <pthread.h>

#define N 5
static pthread_mutex_t forks[N];

static void *philosopher(void *arg)
{
    long i = (long)arg;
    if (i == N - 1) {
        pthread_mutex_lock(&forks[(i + 1) % N]);
        pthread_mutex_lock(&forks[i]);
    } else {
        pthread_mutex_lock(&forks[i]);
        pthread_mutex_lock(&forks[(i + 1) % N]);
    }
    pthread_mutex_unlock(&forks[(i + 1) % N]);
    pthread_mutex_unlock(&forks[i]);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (int i = 0; i < N; i++)
        pthread_mutex_init(&forks[i], NULL);
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, philosopher, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return 0;
}
