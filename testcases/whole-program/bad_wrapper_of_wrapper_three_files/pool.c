/* A wrapper around the wrapper of thread.c: a spawn two files away from its callers. */
#include <pthread.h>

int os_thread_create(pthread_t *t, void *(*fn)(void *), void *arg);

struct worker {
    pthread_t tid;
    int id;
};

int worker_start(struct worker *w, void *(*fn)(void *), void *arg)
{
    return os_thread_create(&w->tid, fn, arg);
}
