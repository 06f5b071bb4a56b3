// `err` holds the status of other calls before it holds the lock's: only the test right after
// `err = pthread_mutex_lock(&m1)` is about the lock (glibc's tst-cancel1 shape).
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t m1 = PTHREAD_MUTEX_INITIALIZER;
static int started;

void *worker(void *arg)
{
    int err = pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
    if (err != 0) {
        puts("setcanceltype failed");
        exit(1);
    }
    err = pthread_mutex_lock(&m1);
    if (err != 0) {
        puts("mutex_lock failed");
        exit(1);
    }
    started = 1;
    pthread_mutex_unlock(&m1);
    return arg;
}
