// The thread unlocks the mutex main holds; main's second lock waits for that hand-over
// (glibc's tst-join1 shape): not a self-deadlock.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *tf(void *arg)
{
    if (pthread_mutex_unlock(&lock) != 0)
        puts("unlock failed");
    return arg;
}

int main(void)
{
    pthread_t th;
    pthread_mutex_lock(&lock);
    if (pthread_create(&th, NULL, tf, NULL) != 0)
        return 1;
    pthread_mutex_lock(&lock);
    pthread_join(th, NULL);
    pthread_mutex_unlock(&lock);
    return 0;
}
