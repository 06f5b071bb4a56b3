// The same workers, each given a pointer to the one mutex that guards the heap `total`: every
// thread adds to it under that mutex, so nothing races.
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t total_mu = PTHREAD_MUTEX_INITIALIZER;

struct worker_arg {
    const double *samples;
    int count;
    double *total;
    pthread_mutex_t *lock;
};

static void accumulate(double *total, pthread_mutex_t *lock, double value)
{
    pthread_mutex_lock(lock);
    *total += value;
    pthread_mutex_unlock(lock);
}

static void *sum_samples(void *p)
{
    struct worker_arg *arg = p;
    for (int i = 0; i < arg->count; i++)
        accumulate(arg->total, arg->lock, arg->samples[i]);
    return NULL;
}

int main(void)
{
    double samples[400] = {0};
    double *total = calloc(1, sizeof *total);
    struct worker_arg args[4];
    pthread_t tids[4];

    if (!total)
        return 1;
    for (int i = 0; i < 4; i++) {
        args[i].samples = samples + i * 100;
        args[i].count = 100;
        args[i].total = total;
        args[i].lock = &total_mu;
        pthread_create(&tids[i], NULL, sum_samples, &args[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(tids[i], NULL);
    free(total);
    return 0;
}
