// A flush that unlocks the logger twice: the second unlock may break into another thread's
// critical section.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static FILE *log_file;

void log_flush(void)
{
    pthread_mutex_lock(&log_mu);
    fflush(log_file);
    pthread_mutex_unlock(&log_mu);
    pthread_mutex_unlock(&log_mu); //~ ERROR unlock-unheld
}
