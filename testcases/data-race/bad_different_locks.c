// Each side takes a lock, but not the same one.
#include <pthread.h>

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static long bytes;

static void *reader(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&stats_lock);
    bytes += 512; //~ ERROR data-race
    pthread_mutex_unlock(&stats_lock);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, reader, NULL);
    pthread_mutex_lock(&log_lock);
    bytes = 0;
    pthread_mutex_unlock(&log_lock);
    pthread_join(t, NULL);
    return 0;
}
