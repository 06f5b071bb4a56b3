// The stats thread is started once, behind a `started` flag tested and set under a mutex, though
// stats_enable() is called many times (OVS's system-stats.c): one thread runs stats_thread, so
// its cache is not shared with another instance of it.
#include <pthread.h>
#include <stdbool.h>

static pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
static bool started;
static long long cache_expiration, boot_time;

static long long get_boot_time(long long now)
{
    if (now >= cache_expiration) {
        cache_expiration = now + 5000;
        boot_time = now / 2;
    }
    return boot_time;
}

static void *stats_thread(void *arg)
{
    for (long long now = 0; now < 100000; now += 1000)
        get_boot_time(now);
    return arg;
}

void stats_enable(void)
{
    pthread_mutex_lock(&mutex);
    if (!started) {
        pthread_t t;
        pthread_create(&t, NULL, stats_thread, NULL);
        pthread_detach(t);
        started = true;
    }
    pthread_mutex_unlock(&mutex);
}

int main(void)
{
    for (int i = 0; i < 3; i++)
        stats_enable();
    pthread_exit(NULL);
}
