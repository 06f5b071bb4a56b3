// An error-checking mutex (glibc's static initializer) returns EDEADLK instead of deadlocking.
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>

static pthread_mutex_t state_mu = PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP;
static int state;

int bump_state(void)
{
    pthread_mutex_lock(&state_mu);
    state++;
    if (pthread_mutex_lock(&state_mu) != EDEADLK)
        return -1;
    pthread_mutex_unlock(&state_mu);
    return 0;
}
