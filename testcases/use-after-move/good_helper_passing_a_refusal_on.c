// A helper passing on the result of a push that can refuse: its callers cannot tell from the
// helper alone which way the push went, so the helper moves the job only on some paths, and
// freeing the refused job after `submit_job` returned non-zero is no double free.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct job {
    struct job *next;
    int priority;
};

struct pool {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    struct job *head, *tail;
    int stopping;
};

static int pool_submit(struct pool *p, struct job *j)
{
    j->next = NULL;
    pthread_mutex_lock(&p->lock);
    if (p->stopping) {
        pthread_mutex_unlock(&p->lock);
        return -1;
    }
    if (p->tail)
        p->tail->next = j;
    else
        p->head = j;
    p->tail = j;
    pthread_cond_signal(&p->cond);
    pthread_mutex_unlock(&p->lock);
    return 0;
}

static int submit_job(struct pool *p, struct job *j, int prio)
{
    j->priority = prio;
    return pool_submit(p, j);
}

static void *worker(void *arg)
{
    struct pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (!p->head && !p->stopping)
            pthread_cond_wait(&p->cond, &p->lock);
        struct job *j = p->head;
        if (j && !(p->head = j->next))
            p->tail = NULL;
        pthread_mutex_unlock(&p->lock);
        if (!j)
            break;
        printf("job %d\n", j->priority);
        free(j);
    }
    return NULL;
}

int main(void)
{
    static struct pool p = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL, 0};
    pthread_t t;
    int high = 0;
    if (pthread_create(&t, NULL, worker, &p) != 0)
        return 1;
    for (int i = 0; i < 8; i++) {
        struct job *j = malloc(sizeof *j);
        if (!j)
            break;
        if (submit_job(&p, j, i % 10) != 0) {
            free(j);
            continue;
        }
        high += i % 10 > 7;
    }
    pthread_mutex_lock(&p.lock);
    p.stopping = 1;
    pthread_cond_broadcast(&p.cond);
    pthread_mutex_unlock(&p.lock);
    pthread_join(t, NULL);
    printf("%d urgent\n", high);
    return 0;
}
