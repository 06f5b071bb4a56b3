// The same work queue, with the job read before it is pushed: the worker frees it only after.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct job {
    struct job *next;
    int id;
};

struct workq {
    pthread_mutex_t lock;
    pthread_cond_t ready;
    struct job *first, *last;
    int done;
};

static void workq_push(struct workq *wq, struct job *j)
{
    j->next = NULL;
    pthread_mutex_lock(&wq->lock);
    if (wq->last)
        wq->last->next = j;
    else
        wq->first = j;
    wq->last = j;
    pthread_cond_signal(&wq->ready);
    pthread_mutex_unlock(&wq->lock);
}

static struct job *workq_pop(struct workq *wq)
{
    pthread_mutex_lock(&wq->lock);
    while (!wq->first && !wq->done)
        pthread_cond_wait(&wq->ready, &wq->lock);
    struct job *j = wq->first;
    if (j && !(wq->first = j->next))
        wq->last = NULL;
    pthread_mutex_unlock(&wq->lock);
    return j;
}

static void *worker(void *arg)
{
    struct workq *wq = arg;
    struct job *j;
    while ((j = workq_pop(wq)) != NULL) {
        printf("job %d\n", j->id);
        free(j);
    }
    return NULL;
}

int main(void)
{
    static struct workq wq = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL, 0};
    pthread_t t;
    if (pthread_create(&t, NULL, worker, &wq) != 0)
        return 1;
    for (int i = 0; i < 4; i++) {
        struct job *j = malloc(sizeof *j);
        if (!j)
            break;
        j->id = i;
        printf("queueing %d\n", j->id);
        workq_push(&wq, j);
    }
    pthread_mutex_lock(&wq.lock);
    wq.done = 1;
    pthread_cond_broadcast(&wq.ready);
    pthread_mutex_unlock(&wq.lock);
    pthread_join(t, NULL);
    return 0;
}
