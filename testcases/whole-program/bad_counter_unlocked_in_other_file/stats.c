/* The counter and its lock helpers. */
#include <pthread.h>

static pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;
long hits;

void stats_lock(void) { pthread_mutex_lock(&stats_mutex); }
void stats_unlock(void) { pthread_mutex_unlock(&stats_mutex); }
