// Thread 0 writes the total while the other threads read it: one instance writes, the others
// read at once.
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
    else
        partial[id] += total;
    return NULL;
}

int main(void)
{
    pthread_t th[N];
    int ids[N];
    for (int i = 0; i < N; i++) {
        ids[i] = i;
        pthread_create(&th[i], NULL, worker, &ids[i]);
    }
    for (int i = 0; i < N; i++)
        pthread_join(th[i], NULL);
    printf("%ld\n", total);
    return 0;
}
