/* A spawn wrapper defined in a header, as xz-utils' mythread_create: every unit that includes
   it has its own copy, and fearless reads it for what it does for its callers. The header's
   own functions are not checked (the double lock below is reported nowhere: a header's
   functions are reported in no unit, as with clang-tidy without a header filter). */
#include <pthread.h>
#include <signal.h>

static inline int mythread_create(pthread_t *thread, void *(*func)(void *arg), void *arg)
{
    sigset_t old, all;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    const int ret = pthread_create(thread, NULL, func, arg);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return ret;
}

static inline void mythread_lock_twice(pthread_mutex_t *m)
{
    pthread_mutex_lock(m);
    pthread_mutex_lock(m);
}
