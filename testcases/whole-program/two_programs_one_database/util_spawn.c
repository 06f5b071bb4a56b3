/* prog1's helper runs the function on a new thread. */
#include <pthread.h>

int helper(pthread_t *t, void *(*fn)(void *), void *arg)
{
    return pthread_create(t, NULL, fn, arg);
}
