// A trylock of a lock the thread holds fails with EBUSY and leaves it held: the unlock after
// it is the one that matches the wrlock (glibc's tst-rwlock2 shape).
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

static pthread_rwlock_t r = PTHREAD_RWLOCK_INITIALIZER;

int check_trywrlock_busy(void)
{
    if (pthread_rwlock_wrlock(&r) != 0)
        return 1;
    int e = pthread_rwlock_trywrlock(&r);
    if (e == 0) {
        puts("trywrlock on a rwlock with a writer succeeded");
        return 1;
    }
    if (pthread_rwlock_trywrlock(&r) == 0) {
        puts("2nd trywrlock succeeded");
        return 1;
    }
    if (pthread_rwlock_unlock(&r) != 0)
        return 1;
    return 0;
}
