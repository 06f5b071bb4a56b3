// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* Fields a macro declares are all at the macro's use: one proposal names them all. */
#include <pthread.h>

#define COUNTERS \
    long gets;   \
    long sets;

struct thread_stats {
    pthread_mutex_t mutex;
    COUNTERS //~ NOTE suggest-guarded-by
};

void on_get(struct thread_stats *s)
{
    pthread_mutex_lock(&s->mutex);
    s->gets++;
    pthread_mutex_unlock(&s->mutex);
}

void on_set(struct thread_stats *s)
{
    pthread_mutex_lock(&s->mutex);
    s->sets++;
    pthread_mutex_unlock(&s->mutex);
}

long total(struct thread_stats *s)
{
    pthread_mutex_lock(&s->mutex);
    long t = s->gets + s->sets;
    pthread_mutex_unlock(&s->mutex);
    return t;
}
