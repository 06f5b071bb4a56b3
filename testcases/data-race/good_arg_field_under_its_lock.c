// `s->mu` in the thread and `stats.mu` in main are the same lock: the object passed as arg.
#include <pthread.h>

struct stats {
    pthread_mutex_t mu;
    long requests;
};

static void *serve(void *arg)
{
    struct stats *s = arg;
    pthread_mutex_lock(&s->mu);
    s->requests++;
    pthread_mutex_unlock(&s->mu);
    return NULL;
}

int main(void)
{
    struct stats stats = {PTHREAD_MUTEX_INITIALIZER, 0};
    pthread_t t;
    long r;
    pthread_create(&t, NULL, serve, &stats);
    pthread_mutex_lock(&stats.mu);
    r = stats.requests;
    pthread_mutex_unlock(&stats.mu);
    pthread_join(t, NULL);
    return (int)r;
}
