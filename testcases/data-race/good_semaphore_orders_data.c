// main writes `result` and then posts; the worker reads it after its wait: the semaphore orders
// the two (fearless does not pair posts with waits, so it stays silent on any such pair).
#include <pthread.h>
#include <semaphore.h>

static sem_t ready;
static int result;

static void *worker(void *arg)
{
    (void)arg;
    sem_wait(&ready);
    return (void *)(long)result;
}

int main(void)
{
    pthread_t t;
    sem_init(&ready, 0, 0);
    pthread_create(&t, NULL, worker, NULL);
    result = 42;
    sem_post(&ready);
    pthread_join(t, NULL);
    return 0;
}
