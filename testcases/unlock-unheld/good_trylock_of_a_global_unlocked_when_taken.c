// The sampler must not stall the request threads, so it only tries the lock, and unlocks only
// when the try took it.
#include <pthread.h>
#include <stdio.h>

struct metrics {
    unsigned long requests, errors;
};

static pthread_mutex_t metrics_lock = PTHREAD_MUTEX_INITIALIZER;
static struct metrics live;

static void record(int failed)
{
    pthread_mutex_lock(&metrics_lock);
    live.requests++;
    if (failed)
        live.errors++;
    pthread_mutex_unlock(&metrics_lock);
}

static int sample(struct metrics *out)
{
    int got = 0;
    if (pthread_mutex_trylock(&metrics_lock) == 0) {
        *out = live;
        got = 1;
        pthread_mutex_unlock(&metrics_lock);
    }
    return got;
}

static void *requests(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10000; i++)
        record(i % 50 == 0);
    return NULL;
}

static void *sampler(void *arg)
{
    struct metrics m;
    (void)arg;
    for (int i = 0; i < 100; i++)
        if (sample(&m))
            printf("%lu requests, %lu errors\n", m.requests, m.errors);
    return NULL;
}

int main(void)
{
    pthread_t r, s;
    pthread_create(&r, NULL, requests, NULL);
    pthread_create(&s, NULL, sampler, NULL);
    pthread_join(r, NULL);
    pthread_join(s, NULL);
    return 0;
}
