// bump takes the lock it is given as its second parameter: the ingest thread passes the queue's
// lock, the stats thread (through a wrapper that passes its own first parameter on as bump's
// second) the stats lock, so the two bumps of `events` hold different locks and race.
#include <pthread.h>

static pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long events;

static void bump(long by, pthread_mutex_t *m)
{
    pthread_mutex_lock(m);
    events += by; //~ ERROR data-race
    pthread_mutex_unlock(m);
}

static void bump_twice(pthread_mutex_t *m, long by)
{
    bump(by, m);
    bump(by, m);
}

static void *ingest(void *arg)
{
    (void)arg;
    bump(1, &queue_mu);
    return NULL;
}

static void *stats(void *arg)
{
    (void)arg;
    bump_twice(&stats_mu, 2);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, ingest, NULL);
    pthread_create(&b, NULL, stats, NULL);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)events;
}
