// Each worker's argument carries a pointer to one heap `total` and a mutex of its own. The helper
// adds to `*total` under the lock it is given, and each worker gives it `&arg->lock`: four locks,
// no two the same, around one double. A helper writing a number through its parameter does not
// change where `args[i].total` points, so every thread's `*total` is main's heap block.
#include <pthread.h>
#include <stdlib.h>

struct worker_arg {
    const double *samples;
    int count;
    double *total;
    pthread_mutex_t lock;
};

static void accumulate(double *total, pthread_mutex_t *lock, double value)
{
    pthread_mutex_lock(lock);
    *total += value; //~ ERROR data-race
    pthread_mutex_unlock(lock);
}

static void *sum_samples(void *p)
{
    struct worker_arg *arg = p;
    for (int i = 0; i < arg->count; i++)
        accumulate(arg->total, &arg->lock, arg->samples[i]);
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
        pthread_mutex_init(&args[i].lock, NULL);
        pthread_create(&tids[i], NULL, sum_samples, &args[i]);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(tids[i], NULL);
    free(total);
    return 0;
}
