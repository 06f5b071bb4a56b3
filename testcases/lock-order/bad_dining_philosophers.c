// The dining philosophers: every philosopher takes the fork on their left, then the one on their
// right. When all five hold their left fork, each waits for a right fork that the next one holds.
#include <pthread.h>

#define N 5
static pthread_mutex_t forks[N];
static int meals[N];

static void *philosopher(void *arg)
{
    int id = *(int *)arg;
    int left = id;
    int right = (id + 1) % N;
    for (int round = 0; round < 100; round++) {
        pthread_mutex_lock(&forks[left]);
        pthread_mutex_lock(&forks[right]); //~ ERROR lock-order
        meals[id]++;
        pthread_mutex_unlock(&forks[right]);
        pthread_mutex_unlock(&forks[left]);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    int ids[N];
    for (int i = 0; i < N; i++)
        pthread_mutex_init(&forks[i], NULL);
    for (int i = 0; i < N; i++) {
        ids[i] = i;
        pthread_create(&t[i], NULL, philosopher, &ids[i]);
    }
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return 0;
}
