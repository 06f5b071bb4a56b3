// Both workers bump the same statistic, named by an enumerator.
#include <pthread.h>

enum stat { STAT_HITS, STAT_MISSES, STAT_COUNT };
static long stats[STAT_COUNT];

static void *worker(void *arg)
{
    (void)arg;
    stats[STAT_HITS]++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, worker, NULL);
    pthread_create(&b, NULL, worker, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)stats[STAT_HITS];
}
