// `pause_unlocked` gives up its caller's lock and takes it back: after the call `m` is held as
// before, not locked a second time.
#include <pthread.h>
#include <unistd.h>
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long x;
static void pause_unlocked(void) { pthread_mutex_unlock(&m); usleep(10); pthread_mutex_lock(&m); }
void run(void) { pthread_mutex_lock(&m); x++; pause_unlocked(); x++; pthread_mutex_unlock(&m); }
