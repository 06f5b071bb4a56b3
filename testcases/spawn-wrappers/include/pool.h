/* pool.h - a thread pool library whose sources fearless does not see: its prototypes say
   what it does with the threads. */
#ifndef POOL_H
#define POOL_H

#include <pthread.h>

#include "../../../annotations/fearless.h"

int pool_spawn(FL_THREAD_HANDLE pthread_t *t, FL_THREAD_FN void *(*fn)(void *), FL_THREAD_ARG void *arg);
void pool_join(FL_JOINS pthread_t t);

#endif
