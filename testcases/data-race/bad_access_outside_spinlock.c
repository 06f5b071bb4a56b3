// The spinlock protects the counter's increment, but each thread also reads it after giving the
// lock back: the read races with another thread's increment.
#include <pthread.h>

static int lock;
static long counter;
static long seen[4];

static void *worker(void *arg)
{
    long i = (long)arg;
    while (__sync_lock_test_and_set(&lock, 1))
        ;
    counter++; //~ ERROR data-race
    __sync_lock_release(&lock);
    seen[i] = counter;
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return (int)seen[0];
}
