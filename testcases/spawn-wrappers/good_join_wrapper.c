// A start/stop pair on a worker struct: `worker_stop(&w)` joins `w->tid`, the handle
// `worker_start(&w, ...)` stored, so `samples` outlives the thread.
#include <pthread.h>
#include <stdio.h>

struct worker {
    pthread_t tid;
    int running;
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
    w->running = 1;
    return pthread_create(&w->tid, NULL, fn, arg);
}

static void worker_stop(struct worker *w)
{
    if (!w->running)
        return;
    pthread_join(w->tid, NULL);
    w->running = 0;
}

double mean_of_samples(void)
{
    double samples[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    struct worker w;
    if (worker_start(&w, average, samples) != 0)
        return 0;
    worker_stop(&w);
    return samples[0];
}
