// A semaphore initialised to 1 used as a lock: every update of `total` is between a wait and a post.
#include <pthread.h>
#include <semaphore.h>

static sem_t lock;
static long total;

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        sem_wait(&lock);
        total++;
        sem_post(&lock);
    }
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    sem_init(&lock, 0, 1);
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)total;
}
