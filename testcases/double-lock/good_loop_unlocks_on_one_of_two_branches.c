// glibc's tst-cond20 shape: each round waits in an inner loop, unlocks under one of two
// conditions that together cover every round, and locks again at the end of the round. Some
// path round the loop gives the lock back, so the next round's lock is no second lock.
#include <pthread.h>

static pthread_mutex_t mut = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int count;

int rounds(int n)
{
    pthread_mutex_lock(&mut);
    for (int i = 0; i < n; ++i) {
        do
            pthread_cond_wait(&cond, &mut);
        while (count != 4);
        if (i & 1)
            pthread_mutex_unlock(&mut);
        pthread_cond_broadcast(&cond);
        if ((i & 1) == 0)
            pthread_mutex_unlock(&mut);
        pthread_mutex_lock(&mut);
    }
    pthread_mutex_unlock(&mut);
    return count;
}
