// An unlock helper that this program calls directly is not another thread handing the lock
// over: here it is never called between the two locks.
#include <pthread.h>

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static int log_lines;

static void log_unlock(void)
{
    pthread_mutex_unlock(&log_mu);
}

void log_two(void)
{
    pthread_mutex_lock(&log_mu);
    log_lines++;
    pthread_mutex_lock(&log_mu); //~ ERROR double-lock
    log_lines++;
    log_unlock();
}
