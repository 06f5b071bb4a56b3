// main posts the semaphore and then writes `result`: the worker's wait ends at the post, so its
// read is ordered after what main did before posting, not after the write that follows it.
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
    sem_post(&ready);
    result = 42; //~ ERROR data-race
    pthread_join(t, NULL);
    return 0;
}
