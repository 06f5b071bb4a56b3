// Each round gives `mut` back under one of two tests of the same bit (glibc's tst-cond20 shape)
// and takes it again at the end. The set-up test before the first lock returns on its other
// value, so it decides nothing about the relock.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mut = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static pthread_barrier_t b;

int run_rounds(int rounds)
{
    if (pthread_barrier_init(&b, NULL, 2) != 0) {
        puts("barrier_init failed");
        return 1;
    }
    pthread_mutex_lock(&mut);
    for (int i = 0; i < rounds; ++i) {
        if (i & 1)
            pthread_mutex_unlock(&mut);
        pthread_cond_broadcast(&cond);
        if ((i & 1) == 0)
            pthread_mutex_unlock(&mut);
        pthread_barrier_wait(&b);
        pthread_mutex_lock(&mut);
    }
    pthread_mutex_unlock(&mut);
    return 0;
}
