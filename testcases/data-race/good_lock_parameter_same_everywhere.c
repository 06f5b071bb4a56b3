// bump takes the lock it is given, and every caller, directly or through a wrapper that passes
// its own parameter on, gives it the same one: the bumps of `events` never run at once.
#include <pthread.h>

static pthread_mutex_t events_mu = PTHREAD_MUTEX_INITIALIZER;
static long events;

static void bump(pthread_mutex_t *m)
{
    pthread_mutex_lock(m);
    events++;
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
    bump(&events_mu);
    return NULL;
}

static void *stats(void *arg)
{
    (void)arg;
    bump_twice(&events_mu);
    return NULL;
}

int main(void)
{
    pthread_t a, b;
    pthread_create(&a, NULL, ingest, NULL);
    pthread_create(&b, NULL, stats, NULL);
    bump(&events_mu);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    return (int)events;
}
