// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* `account` touches `s->total` without locking: it is called from `step` only, which does not lock
   either, and `step` from `run` and `drain`, which hold `s->mu`. Once `account` requires the lock,
   `step`'s call of it would be reported unless `step` requires it too: both are proposed, each
   with the lock as it names it. */
#include <pthread.h>

struct stats {
    pthread_mutex_t mu;
    long total; //~ NOTE suggest-guarded-by
};

static void account(struct stats *s, long n) //~ NOTE suggest-requires
{
    s->total += n;
}

static void step(struct stats *st, long n) //~ NOTE suggest-requires
{
    account(st, n);
    account(st, 1);
}

void run(struct stats *s)
{
    pthread_mutex_lock(&s->mu);
    step(s, 2);
    s->total++;
    pthread_mutex_unlock(&s->mu);
}

void drain(struct stats *s)
{
    pthread_mutex_lock(&s->mu);
    step(s, -1);
    s->total = 0;
    pthread_mutex_unlock(&s->mu);
}
