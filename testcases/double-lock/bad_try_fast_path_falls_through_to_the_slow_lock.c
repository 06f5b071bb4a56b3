// The fast path takes the lock by a try and returns when nothing is pending; when something is,
// it falls through to the slow path still holding the lock, which locks it again.
#include <pthread.h>

struct stats {
    pthread_mutex_t lock;
    long hits, pending, flushed;
};

static struct stats st = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void stats_defer(struct stats *s)
{
    pthread_mutex_lock(&s->lock);
    s->pending++;
    pthread_mutex_unlock(&s->lock);
}

static void stats_hit(struct stats *s)
{
    if (pthread_mutex_trylock(&s->lock) == 0) {
        if (s->pending == 0) {
            s->hits++;
            pthread_mutex_unlock(&s->lock);
            return;
        }
    }
    pthread_mutex_lock(&s->lock); //~ ERROR double-lock
    s->flushed += s->pending;
    s->pending = 0;
    s->hits++;
    pthread_mutex_unlock(&s->lock);
}

static void *hitter(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++)
        stats_hit(&st);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, hitter, NULL);
    for (int i = 0; i < 1000; i++)
        stats_defer(&st);
    pthread_join(t, NULL);
    return 0;
}
