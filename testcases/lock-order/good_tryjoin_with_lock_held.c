// A try-join with the lock held returns EBUSY instead of waiting: it cannot wait for the thread
// that waits for the lock (glibc's tst-join2 shape). The real join comes after the unlock.
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *tf(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void)
{
    pthread_t th;
    void *status;
    pthread_mutex_lock(&lock);
    pthread_create(&th, NULL, tf, NULL);
    if (pthread_tryjoin_np(th, &status) != EBUSY)
        puts("tryjoin did not return EBUSY");
    pthread_mutex_unlock(&lock);
    pthread_join(th, &status);
    return 0;
}
