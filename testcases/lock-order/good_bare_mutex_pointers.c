// Bare mutex pointers: which locks they are is unknown, so no order is claimed.
#include <pthread.h>

void with_both(pthread_mutex_t *a, pthread_mutex_t *b, void (*fn)(void))
{
    pthread_mutex_lock(a);
    pthread_mutex_lock(b);
    fn();
    pthread_mutex_unlock(b);
    pthread_mutex_unlock(a);
}

void with_both_reversed(pthread_mutex_t *a, pthread_mutex_t *b, void (*fn)(void))
{
    pthread_mutex_lock(b);
    pthread_mutex_lock(a);
    fn();
    pthread_mutex_unlock(a);
    pthread_mutex_unlock(b);
}
