// The dining philosophers, fixed by a global order: each takes the lower-numbered of their two
// forks first, so the last philosopher reaches for fork 0 before fork 4 and the ring is broken.
#include <pthread.h>

#define N 5
static pthread_mutex_t forks[N];
static int meals[N];

static void *philosopher(void *arg)
{
    int id = *(int *)arg;
    int left = id, right = (id + 1) % N;
    int first = left < right ? left : right;
    int second = left < right ? right : left;
    for (int round = 0; round < 100; round++) {
        pthread_mutex_lock(&forks[first]);
        pthread_mutex_lock(&forks[second]);
        meals[id]++;
        pthread_mutex_unlock(&forks[second]);
        pthread_mutex_unlock(&forks[first]);
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
