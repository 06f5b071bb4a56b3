// The cleanup handler gives the mutex back when the thread is cancelled in its wait; the error
// exit after a failed wait is glibc's test style (tst-cond-except). With a cleanup handler
// pushed, the thread's ends are not judged.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;

static void clean(void *arg)
{
    pthread_mutex_unlock(arg);
}

static void *waiter(void *arg)
{
    int ret = 0;
    (void)arg;
    pthread_cleanup_push(clean, &mutex);
    ret = pthread_mutex_lock(&mutex);
    if (ret != 0)
        goto out;
    for (;;) {
        ret = pthread_cond_wait(&cond, &mutex);
        if (ret != 0)
            goto out;
    }
    pthread_cleanup_pop(1);
out:
    return (void *)(uintptr_t)ret;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, waiter, NULL);
    pthread_cancel(t);
    pthread_join(t, NULL);
    return 0;
}
