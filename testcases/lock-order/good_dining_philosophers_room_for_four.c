// The dining philosophers, fixed by a room that seats N - 1 of them (a semaphore): one fork is
// always free, so someone can always eat.
#include <pthread.h>
#include <semaphore.h>

#define N 5
static pthread_mutex_t forks[N];
static sem_t room;

static void *philosopher(void *arg)
{
    long i = (long)arg;
    sem_wait(&room);
    pthread_mutex_lock(&forks[i]);
    pthread_mutex_lock(&forks[(i + 1) % N]);
    pthread_mutex_unlock(&forks[(i + 1) % N]);
    pthread_mutex_unlock(&forks[i]);
    sem_post(&room);
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    sem_init(&room, 0, N - 1);
    for (int i = 0; i < N; i++)
        pthread_mutex_init(&forks[i], NULL);
    for (long i = 0; i < N; i++)
        pthread_create(&t[i], NULL, philosopher, (void *)i);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return 0;
}
