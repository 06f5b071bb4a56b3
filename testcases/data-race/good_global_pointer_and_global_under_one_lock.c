// `stats` points to `totals` from its initializer on; the worker updates it through the pointer
// and main through the name, both holding `totals.lock` (reached either way).
#include <pthread.h>

struct totals {
    pthread_mutex_t lock;
    long sent;
};

static struct totals totals = {PTHREAD_MUTEX_INITIALIZER, 0};
static struct totals *stats = &totals;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&stats->lock);
    stats->sent++;
    pthread_mutex_unlock(&stats->lock);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&totals.lock);
    totals.sent = 0;
    pthread_mutex_unlock(&totals.lock);
    pthread_join(t, NULL);
    return 0;
}
