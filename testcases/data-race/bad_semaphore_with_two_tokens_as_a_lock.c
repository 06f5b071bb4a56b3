// A semaphore created with two tokens used as a lock: both workers pass their waits at once, so
// the updates of `total` between wait and post still race.
#include <pthread.h>
#include <semaphore.h>

static sem_t lock;
static long total;

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        sem_wait(&lock);
        total++; //~ ERROR data-race
        sem_post(&lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    sem_init(&lock, 0, 2);
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)total;
}
