#include "atomic.h"

void sem_down(struct sem *s)
{
    pthread_mutex_lock(&s->lock);
    while (!s->value)
        pthread_cond_wait(&s->cond, &s->lock);
    s->value--;
    pthread_mutex_unlock(&s->lock);
}

void sem_up(struct sem *s)
{
    pthread_mutex_lock(&s->lock);
    s->value++;
    pthread_cond_signal(&s->cond);
    pthread_mutex_unlock(&s->lock);
}
