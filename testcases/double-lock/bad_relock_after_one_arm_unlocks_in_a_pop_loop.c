// Only one-shot timers drop the lock before their callback, but every timer takes it again
// after: a periodic timer locks `w->lock` while wheel_tick() still holds it. The loop's own test
// (`(t = pop(...)) != NULL`) tests a new timer each time round, so it decides nothing here.
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
        pthread_mutex_lock(&w->lock); //~ ERROR double-lock
    }
    pthread_mutex_unlock(&w->lock);
}
