// Both functions take the stats lock before the log lock.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static long requests;

void flush_stats(FILE *f)
{
    pthread_mutex_lock(&stats_mu);
    pthread_mutex_lock(&log_mu);
    fprintf(f, "requests=%ld\n", requests);
    pthread_mutex_unlock(&log_mu);
    pthread_mutex_unlock(&stats_mu);
}

void count_and_log(FILE *f)
{
    pthread_mutex_lock(&stats_mu);
    requests++;
    pthread_mutex_lock(&log_mu);
    fputs("request\n", f);
    pthread_mutex_unlock(&log_mu);
    pthread_mutex_unlock(&stats_mu);
}
