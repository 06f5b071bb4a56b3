// The lock is given back before the join: the worker can always finish.
#include <pthread.h>

static pthread_mutex_t stats_mu = PTHREAD_MUTEX_INITIALIZER;
static long processed;
static int stop;

static void *worker(void *arg)
{
    (void)arg;
    for (;;) {
        pthread_mutex_lock(&stats_mu);
        int done = stop;
        processed++;
        pthread_mutex_unlock(&stats_mu);
        if (done)
            return NULL;
    }
}

int main(void)
{
    pthread_t ts[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&ts[i], NULL, worker, NULL);
    pthread_mutex_lock(&stats_mu);
    stop = 1;
    pthread_mutex_unlock(&stats_mu);
    for (int i = 0; i < 2; i++)
        pthread_join(ts[i], NULL);
    return (int)processed;
}
