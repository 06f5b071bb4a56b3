/* A spawn wrapper, as projects write them (libuv's uv_thread_create, OVS's ovs_thread_create):
   its callers are in other files. */
#include <pthread.h>

int start_thread(pthread_t *t, void *(*fn)(void *), void *arg)
{
    return pthread_create(t, NULL, fn, arg);
}
