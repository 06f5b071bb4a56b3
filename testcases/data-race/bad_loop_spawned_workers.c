// Every worker of the pool increments `hits` without a lock: the worker races with itself.
#include <pthread.h>

#define N 4
static unsigned long hits;

static void *worker(void *arg)
{
    (void)arg;
    hits = hits + 1; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t t[N];
    for (int i = 0; i < N; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < N; i++)
        pthread_join(t[i], NULL);
    return (int)hits;
}
