// A flag tested before a spawn is no "first time" unless the spawning code sets it: here
// nothing does, every call starts another stats_thread, and two of them race on the cache.
#include <pthread.h>
#include <stdbool.h>

static bool disabled;
static long long cache_expiration;

static void *stats_thread(void *arg)
{
    for (long long now = 0; now < 100000; now += 1000)
        if (now >= cache_expiration)
            cache_expiration = now + 5000; //~ ERROR data-race
    return arg;
}

void stats_enable(void)
{
    if (!disabled) {
        pthread_t t;
        pthread_create(&t, NULL, stats_thread, NULL);
        pthread_detach(t);
    }
}

int main(void)
{
    for (int i = 0; i < 3; i++)
        stats_enable();
    pthread_exit(NULL);
}
