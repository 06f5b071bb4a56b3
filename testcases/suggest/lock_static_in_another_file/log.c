#include <pthread.h>

#include "append.h"

static pthread_mutex_t log_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct append *writer; //~ NOTE suggest-guarded-by

void log_write(long n) //~ NOTE suggest-excludes
{
    pthread_mutex_lock(&log_mutex);
    if (!writer)
        writer = append_new();
    append_write(writer, n);
    pthread_mutex_unlock(&log_mutex);
}

void log_flush(void) //~ NOTE suggest-excludes
{
    pthread_mutex_lock(&log_mutex);
    append_flush(writer);
    append_write(writer, 0);
    pthread_mutex_unlock(&log_mutex);
}
