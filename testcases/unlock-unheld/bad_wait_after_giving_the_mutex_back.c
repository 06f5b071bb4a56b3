// The helper reads `ready` under the mutex, gives it back, then waits: the wait no longer holds
// the mutex it names.
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int ready;

void wait_until_ready(void)
{
    pthread_mutex_lock(&lock);
    int now = ready;
    pthread_mutex_unlock(&lock);
    if (!now)
        pthread_cond_wait(&changed, &lock); //~ ERROR unlock-unheld
}
