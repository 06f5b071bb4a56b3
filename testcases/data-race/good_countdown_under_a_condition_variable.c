// The count-down latch with a mutex and a condition variable: each worker publishes its result,
// then counts `left` down under the lock; main waits while `left > 0` and reads the results after.
#include <pthread.h>
#include <stdio.h>

#define N 3

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;
static int left = N;
static double results[N];

static void *measure(void *arg)
{
    int id = *(int *)arg;
    results[id] = id * 0.5;
    pthread_mutex_lock(&mu);
    left--;
    if (left == 0)
        pthread_cond_signal(&all_done);
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void)
{
    static int ids[N];
    pthread_t t[N];
    for (int i = 0; i < N; i++) {
        ids[i] = i;
        if (pthread_create(&t[i], NULL, measure, &ids[i]) != 0)
            return 1;
        pthread_detach(t[i]);
    }
    pthread_mutex_lock(&mu);
    while (left > 0)
        pthread_cond_wait(&all_done, &mu);
    pthread_mutex_unlock(&mu);
    for (int i = 0; i < N; i++)
        printf("%.1f\n", results[i]);
    return 0;
}
