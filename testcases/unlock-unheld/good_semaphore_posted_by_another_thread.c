// A semaphore made from a mutex and a condition variable is given back by threads that did not
// take it: main waits for its child to start, then lets two waiters go with two ups in a row.
// An up without a down is how a semaphore is used, not an unlock of a lock never taken.
#include <pthread.h>

struct sem {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    unsigned value;
};

static struct sem started = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
static struct sem go = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};

static void sem_down(struct sem *s)
{
    pthread_mutex_lock(&s->lock);
    while (s->value == 0)
        pthread_cond_wait(&s->cond, &s->lock);
    s->value--;
    pthread_mutex_unlock(&s->lock);
}

static void sem_up(struct sem *s)
{
    pthread_mutex_lock(&s->lock);
    s->value++;
    pthread_cond_broadcast(&s->cond);
    pthread_mutex_unlock(&s->lock);
}

static void *child(void *arg)
{
    (void)arg;
    sem_up(&started);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, child, NULL);
    sem_down(&started);
    sem_up(&go);
    sem_up(&go);
    pthread_join(t, NULL);
    return 0;
}
