// `sampler_start` runs once, from `main` before any other thread, and sets every field the
// sampling thread reads before starting it.
#include <pthread.h>
#include <stdlib.h>

struct sampler {
    pthread_t thread;
    int period_us;
    double scale;
};

static void *sampler_main(void *arg)
{
    struct sampler *s = arg;
    double v = 0;
    for (int i = 0; i < 32; i++)
        v += (i % 5) * s->scale;
    return (void *)(long)v;
}

static struct sampler *sampler_start(int period_us)
{
    struct sampler *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->period_us = period_us;
    s->scale = 1.5;
    if (pthread_create(&s->thread, NULL, sampler_main, s) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

int main(void)
{
    struct sampler *s = sampler_start(500);
    if (!s)
        return 1;
    pthread_join(s->thread, NULL);
    free(s);
    return 0;
}
