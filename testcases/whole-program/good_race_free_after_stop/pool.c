/* The threads live here, their handles in this file's globals: callers start and stop them. */
#include <pthread.h>

extern long processed;

static pthread_t workers[2];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;

static void *work(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu); /* the workers among themselves */
    processed++;
    pthread_mutex_unlock(&mu);
    return NULL;
}

void pool_start(void)
{
    for (int i = 0; i < 2; i++)
        pthread_create(&workers[i], NULL, work, NULL);
}

void pool_stop(void)
{
    for (int i = 0; i < 2; i++)
        pthread_join(workers[i], NULL);
}
