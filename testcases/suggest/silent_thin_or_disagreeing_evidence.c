// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* Nothing to propose: one access under a lock is no discipline; accesses that disagree (half of
   them in functions that lock it do not hold it) are no discipline either. */
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int once_locked;
static int half;

void a(void)
{
    pthread_mutex_lock(&m);
    once_locked = 1;
    half = 1;
    pthread_mutex_unlock(&m);
    half = 2;
}

void b(void)
{
    pthread_mutex_lock(&m);
    half = 3;
    pthread_mutex_unlock(&m);
    half = 4;
}
