// main takes `lock` again to wait for the thread to hand it over while it holds `lock2`:
// taking a lock the thread already holds orders nothing (glibc's tst-flock2 shape).
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock2 = PTHREAD_MUTEX_INITIALIZER;

static void *tf(void *arg)
{
    pthread_mutex_unlock(&lock);
    pthread_mutex_lock(&lock2);
    pthread_mutex_unlock(&lock2);
    return arg;
}

int main(void)
{
    pthread_t th;
    pthread_mutex_lock(&lock);
    pthread_mutex_lock(&lock2);
    if (pthread_create(&th, NULL, tf, NULL) != 0)
        return 1;
    pthread_mutex_lock(&lock);
    pthread_mutex_unlock(&lock2);
    pthread_join(th, NULL);
    pthread_mutex_unlock(&lock);
    return 0;
}
