// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
#include <pthread.h>

static pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;
static long hits; //~ NOTE suggest-guarded-by
long misses; //~ NOTE suggest-guarded-by

void hit(void)
{
    pthread_mutex_lock(&stats_mutex);
    hits++;
    pthread_mutex_unlock(&stats_mutex);
}

void miss(void)
{
    pthread_mutex_lock(&stats_mutex);
    misses++;
    pthread_mutex_unlock(&stats_mutex);
}

long report(void)
{
    pthread_mutex_lock(&stats_mutex);
    long r = hits + misses;
    pthread_mutex_unlock(&stats_mutex);
    return r;
}
