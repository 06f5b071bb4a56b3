// An _Atomic counter does not race.
#include <pthread.h>
#include <stdatomic.h>

static _Atomic long hits;
static atomic_int stop;

static void *worker(void *arg)
{
    (void)arg;
    while (!stop)
        hits++;
    return NULL;
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    stop = 1;
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)hits;
}
