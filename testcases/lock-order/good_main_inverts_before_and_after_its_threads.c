// main takes the two locks in the other order while it sets up, before it starts the worker, and
// again after joining it: no other thread exists to wait for. `--verbose` says so.
// fearless-flags: --verbose
#include <pthread.h>

static pthread_mutex_t cfg_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static int level, lines;

static void *worker(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&cfg_mu);
    pthread_mutex_lock(&log_mu);
    lines += level;
    pthread_mutex_unlock(&log_mu);
    pthread_mutex_unlock(&cfg_mu);
    return NULL;
}

int main(void)
{
    pthread_mutex_lock(&log_mu);
    pthread_mutex_lock(&cfg_mu); //~ NOTE lock-order
    level = 2;
    pthread_mutex_unlock(&cfg_mu);
    pthread_mutex_unlock(&log_mu);
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    pthread_mutex_lock(&log_mu);
    pthread_mutex_lock(&cfg_mu);
    level = 0;
    pthread_mutex_unlock(&cfg_mu);
    pthread_mutex_unlock(&log_mu);
    return lines;
}
