// The worker reads `config` before it waits on the semaphore that main posts after writing it:
// the read is not ordered after the write.
#include <pthread.h>
#include <semaphore.h>

static sem_t go;
static int config;

static void *worker(void *arg)
{
    (void)arg;
    int c = config;
    sem_wait(&go);
    return (void *)(long)c;
}

int main(void)
{
    pthread_t t;
    sem_init(&go, 0, 0);
    pthread_create(&t, NULL, worker, NULL);
    config = 7; //~ ERROR data-race
    sem_post(&go);
    pthread_join(t, NULL);
    return 0;
}
