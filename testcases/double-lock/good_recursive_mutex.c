// A recursive mutex, created with PTHREAD_MUTEX_RECURSIVE: locking it again is intended.
#include <pthread.h>

static pthread_mutex_t registry_mu;
static int registry_size;

void registry_init(void)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&registry_mu, &attr);
    pthread_mutexattr_destroy(&attr);
}

void registry_grow(int n)
{
    pthread_mutex_lock(&registry_mu);
    pthread_mutex_lock(&registry_mu);
    registry_size += n;
    pthread_mutex_unlock(&registry_mu);
    pthread_mutex_unlock(&registry_mu);
}
