// bump takes the lock it is given: the ingest thread passes the queue's lock, the stats thread
// the stats lock, so the two bumps of `events` hold different locks and race. A wrapper that
// passes its own parameter on counts as the lock its callers give it.
#include <pthread.h>

static pthread_mutex_t queue_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long events;

static void bump(pthread_mutex_t *m)
{
    pthread_mutex_lock(m);
    events++; //~ ERROR data-race
    pthread_mutex_unlock(m);
}

static void bump_twice(pthread_mutex_t *m)
{
    bump(m);
    bump(m);
}

static void *ingest(void *arg)
{
    (void)arg;
    bump(&queue_mu);
    return NULL;
}

static void *stats(void *arg)
{
    (void)arg;
    bump_twice(&stats_mu);
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
