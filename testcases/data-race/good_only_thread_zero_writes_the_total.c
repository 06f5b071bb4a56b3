// Only the thread given id 0 writes the total, and each thread is given its own id
// (`ids[i] = i`, then `&ids[i]`): one thread writes it.
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
        total = 1;
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
