// The worker waits for `ready` without locking `lock` first: pthread_cond_wait unlocks a mutex
// the thread does not hold, main's signal can come between the test and the wait, and the
// unlocked test of `ready` races with main's write.
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int ready;

static void *worker(void *arg)
{
    (void)arg;
    while (!ready)
        pthread_cond_wait(&changed, &lock); //~ ERROR unlock-unheld
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&lock);
    ready = 1; //~ ERROR data-race
    pthread_cond_signal(&changed);
    pthread_mutex_unlock(&lock);
    pthread_join(t, NULL);
    return 0;
}
