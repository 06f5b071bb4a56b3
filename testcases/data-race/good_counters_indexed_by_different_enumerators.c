// One worker counts hits, the other misses: two elements.
#include <pthread.h>

enum stat { STAT_HITS, STAT_MISSES, STAT_COUNT };
static long stats[STAT_COUNT];

static void *hits(void *arg)
{
    (void)arg;
    stats[STAT_HITS]++;
    return NULL;
}

static void *misses(void *arg)
{
    (void)arg;
    stats[STAT_MISSES]++;
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, hits, NULL);
    pthread_create(&b, NULL, misses, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)(stats[STAT_HITS] + stats[STAT_MISSES]);
}
