// A semaphore made from a mutex and a condition variable may hold more than one token: taking
// it twice in a row is two downs of a counting semaphore, not a self-deadlock.
#include <pthread.h>

struct sem {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int value;
};

void sem_down(struct sem *s)
{
    pthread_mutex_lock(&s->lock);
    while (s->value <= 0)
        pthread_cond_wait(&s->cond, &s->lock);
    s->value -= 1;
    pthread_mutex_unlock(&s->lock);
}

void sem_up(struct sem *s)
{
    pthread_mutex_lock(&s->lock);
    s->value += 1;
    pthread_cond_signal(&s->cond);
    pthread_mutex_unlock(&s->lock);
}

void take_two(struct sem *slots)
{
    sem_down(slots);
    sem_down(slots);
}
