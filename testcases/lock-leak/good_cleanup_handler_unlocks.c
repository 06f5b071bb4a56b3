// The waiting thread locks `lock`, registers `unlock_mutex` as its cancellation cleanup handler,
// and `pthread_cleanup_pop(1)` runs that handler, which unlocks `lock`: the thread ends with
// nothing held.
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready_cv = PTHREAD_COND_INITIALIZER;
static int ready;

static void unlock_mutex(void *m);

static void *waiter(void *arg)
{
    pthread_mutex_lock(&lock);
    pthread_cleanup_push(unlock_mutex, &lock);
    while (!ready)
        pthread_cond_wait(&ready_cv, &lock);
    pthread_cleanup_pop(1);
    return arg;
}

static void unlock_mutex(void *m)
{
    pthread_mutex_unlock(m);
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL);
    pthread_mutex_lock(&lock);
    ready = 1;
    pthread_cond_signal(&ready_cv);
    pthread_mutex_unlock(&lock);
    pthread_join(t, NULL);
    return 0;
}
