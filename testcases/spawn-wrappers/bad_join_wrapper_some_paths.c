// `worker_stop` joins the worker, but the early return on a read error skips it while the
// thread still reads `samples`.
#include <pthread.h>
#include <stdio.h>

struct worker {
    pthread_t tid;
};

static void *average(void *arg)
{
    double *samples = arg;
    double sum = 0;
    for (int i = 0; i < 8; i++)
        sum += samples[i];
    samples[0] = sum / 8;
    return NULL;
}

static int worker_start(struct worker *w, void *(*fn)(void *), void *arg)
{
    return pthread_create(&w->tid, NULL, fn, arg);
}

static void worker_stop(struct worker *w)
{
    pthread_join(w->tid, NULL);
}

double mean_of_file(FILE *f)
{
    double samples[8] = {0};
    struct worker w;
    if (worker_start(&w, average, samples) != 0) //~ ERROR thread-borrow
        return 0;
    if (ferror(f))
        return -1;
    worker_stop(&w);
    return samples[0];
}
