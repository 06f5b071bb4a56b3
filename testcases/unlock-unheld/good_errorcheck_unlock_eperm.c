// Unlocking an error-checking mutex the thread does not hold returns EPERM, and a test checks
// exactly that (glibc's tst-mutex2 shape).
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t m;

int check_unlock_unheld(void)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&m, &a);
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    int e = pthread_mutex_unlock(&m);
    if (e != EPERM) {
        puts("2nd unlock did not return EPERM");
        return 1;
    }
    return 0;
}
