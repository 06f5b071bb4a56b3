// A void function returns early from inside its critical section.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static FILE *log_file;

void log_message(const char *msg)
{
    pthread_mutex_lock(&log_mu);
    if (!log_file)
        return; //~ ERROR lock-leak
    fputs(msg, log_file);
    pthread_mutex_unlock(&log_mu);
}
