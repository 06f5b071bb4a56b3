// An early unlock on one branch, and the unlock at the end runs again on that same path.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static long lines;

void log_line(const char *msg)
{
    pthread_mutex_lock(&log_mu);
    lines++;
    if (fputs(msg, stderr) < 0)
        pthread_mutex_unlock(&log_mu);
    fflush(stderr);
    pthread_mutex_unlock(&log_mu); //~ ERROR unlock-unheld
}
