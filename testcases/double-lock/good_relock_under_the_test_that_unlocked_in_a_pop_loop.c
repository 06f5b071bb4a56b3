// The wheel of bad_relock_after_one_arm_unlocks_in_a_pop_loop.c, taking the lock again only
// for the timers that dropped it: the same test of `t->period` decides both.
#include <pthread.h>
#include <stddef.h>

struct timer {
    unsigned long period;
    void (*cb)(struct timer *);
    struct timer *next;
};

struct wheel {
    pthread_mutex_t lock;
    struct timer *due;
};

static struct timer *pop_due_locked(struct wheel *w)
{
    struct timer *t = w->due;
    if (t)
        w->due = t->next;
    return t;
}

void wheel_tick(struct wheel *w)
{
    struct timer *t;
    pthread_mutex_lock(&w->lock);
    while ((t = pop_due_locked(w)) != NULL) {
        if (t->period > 0) {
            t->next = w->due; /* re-armed: its callback must not touch the wheel */
            w->due = t;
        } else {
            pthread_mutex_unlock(&w->lock);
        }
        t->cb(t);
        if (t->period == 0)
            pthread_mutex_lock(&w->lock);
    }
    pthread_mutex_unlock(&w->lock);
}
