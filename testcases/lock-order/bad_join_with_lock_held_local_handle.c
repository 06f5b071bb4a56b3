// `main` holds `stats_mu` while it waits for the worker, and the worker needs `stats_mu` to
// finish: if it has not taken it yet when main locks it, neither ever goes on.
#include <pthread.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long processed;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&stats_mu);
    processed++;
    pthread_mutex_unlock(&stats_mu);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&stats_mu);
    pthread_join(t, NULL); //~ ERROR lock-order
    long n = processed;
    pthread_mutex_unlock(&stats_mu);
    return (int)n;
}
