// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* A helper reads the object through a pointer to const: the fields it reads are the same fields
   the writers write under the lock, so its reads are evidence, and the helper, called with the lock
   held everywhere, is proposed REQUIRES. */
#include <pthread.h>

struct session {
    pthread_mutex_t mutex;
    int state; //~ NOTE suggest-guarded-by
    long min_tx; //~ NOTE suggest-guarded-by
};

static long session_min_tx(const struct session *s) //~ NOTE suggest-requires
{
    return s->state == 1 ? s->min_tx : s->min_tx + 1000;
}

void session_set(struct session *s, int state, long min_tx)
{
    pthread_mutex_lock(&s->mutex);
    s->state = state;
    s->min_tx = min_tx;
    pthread_mutex_unlock(&s->mutex);
}

long session_interval(struct session *s)
{
    pthread_mutex_lock(&s->mutex);
    long n = session_min_tx(s) * 2;
    pthread_mutex_unlock(&s->mutex);
    return n;
}
