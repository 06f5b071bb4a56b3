// A cancellation cleanup handler runs with the mutex its thread waited on held again. It checks
// that with a trylock that must fail (EBUSY, or EDEADLK for an error-checking mutex) and gives
// the mutex back. Nothing in the file calls the handler directly: its caller may hold the lock.
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;

static void cleanup(void *u)
{
    (void)u;
    int ret = pthread_mutex_trylock(&mutex);
    if (ret != EDEADLK && ret != EBUSY) {
        printf("mutex not locked in cleanup %d\n", ret);
        abort();
    }
    pthread_mutex_unlock(&mutex);
}

static void *waiter(void *u)
{
    (void)u;
    pthread_mutex_lock(&mutex);
    pthread_cleanup_push(cleanup, NULL);
    for (;;)
        pthread_cond_wait(&cond, &mutex);
    pthread_cleanup_pop(1);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL);
    pthread_cancel(t);
    pthread_join(t, NULL);
    return 0;
}
