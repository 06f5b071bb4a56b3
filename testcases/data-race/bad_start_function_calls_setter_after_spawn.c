// `sampler_start` runs once, from `main` before any other thread, but it starts the sampling
// thread itself and only then has a helper store the scale the thread reads: the helper's write
// is `s->scale` at that call, after the spawn.
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

static void sampler_set_scale(struct sampler *s, double scale)
{
    s->scale = scale; //~ ERROR data-race
}

static struct sampler *sampler_start(int period_us)
{
    struct sampler *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->period_us = period_us;
    if (pthread_create(&s->thread, NULL, sampler_main, s) != 0) {
        free(s);
        return NULL;
    }
    sampler_set_scale(s, 1.5);
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
