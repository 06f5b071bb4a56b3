// As the thread given id 0 writing the total alone, the id passed as the thread's argument value
// (`(void *)(long)i`).
#include <pthread.h>
#include <stdio.h>

#define N 4

static long partial[N];
static long total;

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    partial[id] = id * 10;
    if (id == 0)
        total = 1;
    return NULL;
}

int main(void)
{
    pthread_t th[N];
    for (int i = 0; i < N; i++) {
        pthread_create(&th[i], NULL, worker, (void *)(long)i);
    }
    for (int i = 0; i < N; i++)
        pthread_join(th[i], NULL);
    printf("%ld\n", total);
    return 0;
}
