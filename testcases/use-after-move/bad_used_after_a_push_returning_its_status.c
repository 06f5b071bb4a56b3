// The push's status is a variable (`int rc = -1;`, set to 0 only where the job is linked in):
// where it stays -1 the pool refused, and the job is still the caller's to free; where the push
// succeeded, reading the job reads memory a worker may already have freed.
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
    int rc = -1;
    j->next = NULL;
    pthread_mutex_lock(&p->lock);
    if (!p->stopping) {
        if (p->tail)
            p->tail->next = j;
        else
            p->head = j;
        p->tail = j;
        pthread_cond_signal(&p->cond);
        rc = 0;
    }
    pthread_mutex_unlock(&p->lock);
    return rc;
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
        j->priority = i % 10;
        if (pool_submit(&p, j) != 0) {
            free(j);
            continue;
        }
        if (j->priority > 7) //~ ERROR use-after-move
            high++;
    }
    pthread_mutex_lock(&p.lock);
    p.stopping = 1;
    pthread_cond_broadcast(&p.cond);
    pthread_mutex_unlock(&p.lock);
    pthread_join(t, NULL);
    printf("%d urgent\n", high);
    return 0;
}
