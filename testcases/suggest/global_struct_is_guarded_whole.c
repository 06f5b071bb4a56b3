// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* Fields of a global struct are accesses of the global: one proposal for `stats`, none per field. */
#include <pthread.h>

struct stats {
    long gets, sets;
};

pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
struct stats stats; //~ NOTE suggest-guarded-by

void count_get(void)
{
    pthread_mutex_lock(&stats_lock);
    stats.gets++;
    pthread_mutex_unlock(&stats_lock);
}

void count_set(void)
{
    pthread_mutex_lock(&stats_lock);
    stats.sets++;
    pthread_mutex_unlock(&stats_lock);
}
