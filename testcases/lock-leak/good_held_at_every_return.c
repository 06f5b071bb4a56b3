// Early setup failures return before the lock is taken, and every return after the lock holds
// it: no return released it, so none leaks it more than another (glibc's tst-cond20 shape).
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mut = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int count;

static void *tf(void *arg)
{
    pthread_mutex_lock(&mut);
    count++;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&mut);
    return arg;
}

int run_test(void)
{
    pthread_t th;
    if (pthread_cond_init(&cond, NULL) != 0)
        return 1;
    if (pthread_mutex_lock(&mut) != 0) {
        puts("mutex_lock failed");
        return 1;
    }
    if (pthread_create(&th, NULL, tf, NULL) != 0)
        return 1;
    while (count == 0)
        pthread_cond_wait(&cond, &mut);
    if (pthread_join(th, NULL) != 0)
        return 1;
    return 0;
}
