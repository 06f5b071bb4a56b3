#include <pthread.h>

static pthread_mutex_t replay_mutex = PTHREAD_MUTEX_INITIALIZER;

void replay_lock(void) //~ NOTE suggest-lock-helper
{
    pthread_mutex_lock(&replay_mutex);
}

void replay_unlock(void) //~ NOTE suggest-lock-helper
{
    pthread_mutex_unlock(&replay_mutex);
}
