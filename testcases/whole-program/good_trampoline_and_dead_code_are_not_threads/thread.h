#include <pthread.h>

extern int stats_resets;
pthread_t thread_create(void *(*start)(void *), void *arg);
void stats_restart(void);
