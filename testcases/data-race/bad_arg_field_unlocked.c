// `s->requests` is locked on both sides, `s->errors` is not: the thread writes it while main reads `stats.errors`.
#include <pthread.h>

struct stats {
    pthread_mutex_t mu;
    long requests;
    long errors;
};

static void *worker(void *arg)
{
    struct stats *s = arg;
    pthread_mutex_lock(&s->mu);
    s->requests++;
    pthread_mutex_unlock(&s->mu);
    s->errors++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    struct stats stats = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
    pthread_t t;
    pthread_create(&t, NULL, worker, &stats);
    pthread_mutex_lock(&stats.mu);
    stats.requests++;
    pthread_mutex_unlock(&stats.mu);
    long e = stats.errors;
    pthread_join(t, NULL);
    return (int)e;
}
