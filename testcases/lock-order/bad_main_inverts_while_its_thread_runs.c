// The same inversion, but main takes its order after starting the worker and before joining it.
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
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_mutex_lock(&log_mu);
    pthread_mutex_lock(&cfg_mu); //~ ERROR lock-order
    level = 2;
    pthread_mutex_unlock(&cfg_mu);
    pthread_mutex_unlock(&log_mu);
    pthread_join(t, NULL);
    return lines;
}
