// The same workers, with a merge that takes the totals' own mutex too: every write of `g_total`
// holds `g_total.mu`, as the monitor's read does. Each worker's own stack lock guards only that
// worker's counts, which no other thread touches.
#include <pthread.h>

struct stats {
    pthread_mutex_t mu;
    long requests;
    long errors;
};

static struct stats g_total = {.mu = PTHREAD_MUTEX_INITIALIZER};

static void stats_add(struct stats *s, int failed)
{
    pthread_mutex_lock(&s->mu);
    s->requests++;
    s->errors += failed;
    pthread_mutex_unlock(&s->mu);
}

static void stats_merge(struct stats *dst, struct stats *src)
{
    pthread_mutex_lock(&src->mu);
    pthread_mutex_lock(&dst->mu);
    dst->requests += src->requests;
    pthread_mutex_unlock(&dst->mu);
    src->requests = 0;
    pthread_mutex_unlock(&src->mu);
}

static void *worker(void *arg)
{
    struct stats local = {.mu = PTHREAD_MUTEX_INITIALIZER};
    (void)arg;
    for (int i = 1; i <= 3000; i++) {
        stats_add(&local, i % 97 == 0);
        if (i % 1000 == 0)
            stats_merge(&g_total, &local);
    }
    return NULL;
}

static void *monitor(void *arg)
{
    long seen;
    (void)arg;
    pthread_mutex_lock(&g_total.mu);
    seen = g_total.requests;
    pthread_mutex_unlock(&g_total.mu);
    return (void *)seen;
}

int main(void)
{
    pthread_t w[4], m;
    pthread_create(&m, NULL, monitor, NULL);
    for (int i = 0; i < 4; i++)
        pthread_create(&w[i], NULL, worker, NULL);
    for (int i = 0; i < 4; i++)
        pthread_join(w[i], NULL);
    pthread_join(m, NULL);
    return 0;
}
