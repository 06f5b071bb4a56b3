// A semaphore made from a mutex and a condition variable counts free slots: submit takes one and
// gives it back only when the job cannot be queued; otherwise the worker that runs the job gives
// it back. Returning with the slot taken is the protocol, not a leaked lock.
#include <pthread.h>
#include <stdbool.h>

struct sem {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int value;
};

struct job;
bool queue_push(struct job *j);

static struct sem slots = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 8};

static void sem_down(struct sem *s)
{
    pthread_mutex_lock(&s->lock);
    while (s->value == 0)
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

void submit(struct job *j)
{
    sem_down(&slots);
    if (!queue_push(j)) {
        sem_up(&slots);
        return;
    }
}
