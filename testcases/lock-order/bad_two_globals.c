// The flusher takes the stats lock then the log lock; the reporter takes them the other way.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static long requests;
static FILE *log_file;

void flush_stats(void)
{
    pthread_mutex_lock(&stats_mu);
    pthread_mutex_lock(&log_mu);
    fprintf(log_file, "requests=%ld\n", requests);
    pthread_mutex_unlock(&log_mu);
    pthread_mutex_unlock(&stats_mu);
}

void log_and_count(const char *line)
{
    pthread_mutex_lock(&log_mu);
    fputs(line, log_file);
    pthread_mutex_lock(&stats_mu); //~ ERROR lock-order
    requests++;
    pthread_mutex_unlock(&stats_mu);
    pthread_mutex_unlock(&log_mu);
}
