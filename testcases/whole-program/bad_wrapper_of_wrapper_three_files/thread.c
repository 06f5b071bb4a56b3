/* The bottom wrapper: the only call to pthread_create. */
#include <pthread.h>

int os_thread_create(pthread_t *t, void *(*fn)(void *), void *arg)
{
    return pthread_create(t, NULL, fn, arg);
}
