// The ids alternate (`ids[i] = i % 2`): two threads are given id 0, and both write the total.
#include <pthread.h>
#include <stdio.h>

#define N 4

static long partial[N];
static long total;

static void *worker(void *arg)
{
    int id = *(int *)arg;
    partial[id] = id * 10;
    if (id == 0)
        total = 1; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t th[N];
    int ids[N];
    for (int i = 0; i < N; i++) {
        ids[i] = i % 2;
        pthread_create(&th[i], NULL, worker, &ids[i]);
    }
    for (int i = 0; i < N; i++)
        pthread_join(th[i], NULL);
    printf("%ld\n", total);
    return 0;
}
