// A test that expects the second lock to fail with EDEADLK: success is its failure path.
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

static pthread_rwlock_t r = PTHREAD_RWLOCK_INITIALIZER;

int check_rdlock_under_writer(void)
{
    if (pthread_rwlock_wrlock(&r) != 0)
        return 1;
    int e = pthread_rwlock_rdlock(&r);
    if (e == 0) {
        puts("rdlock on a rwlock with a writer succeeded");
        return 1;
    }
    if (e != EDEADLK) {
        puts("rdlock did not return EDEADLK");
        return 1;
    }
    pthread_rwlock_unlock(&r);
    return 0;
}
