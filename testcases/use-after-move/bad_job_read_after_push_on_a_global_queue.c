// The job queue is one global: `queue_push(j)` links the job in, the worker takes it out with
// `queue_pop()` and frees it. Logging `j->id` after the push may read a freed job.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct job {
    int id;
    struct job *next;
};

struct job_queue {
    pthread_mutex_t lock;
    pthread_cond_t nonempty;
    struct job *head, *tail;
    int closed;
};

static struct job_queue q = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, NULL, 0};

static void queue_push(struct job *j)
{
    pthread_mutex_lock(&q.lock);
    j->next = NULL;
    if (q.tail)
        q.tail->next = j;
    else
        q.head = j;
    q.tail = j;
    pthread_cond_signal(&q.nonempty);
    pthread_mutex_unlock(&q.lock);
}

static struct job *queue_pop(void)
{
    pthread_mutex_lock(&q.lock);
    while (!q.head && !q.closed)
        pthread_cond_wait(&q.nonempty, &q.lock);
    struct job *j = q.head;
    if (j) {
        q.head = j->next;
        if (!q.head)
            q.tail = NULL;
    }
    pthread_mutex_unlock(&q.lock);
    return j;
}

static void *worker(void *arg)
{
    struct job *j;
    (void)arg;
    while ((j = queue_pop()) != NULL) {
        printf("job %d\n", j->id);
        free(j);
    }
    return NULL;
}

int main(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, worker, NULL) != 0)
        return 1;
    for (int i = 0; i < 4; i++) {
        struct job *j = malloc(sizeof *j);
        if (!j)
            break;
        j->id = i;
        queue_push(j);
        fprintf(stderr, "queued %d\n", j->id); //~ ERROR use-after-move
    }
    pthread_mutex_lock(&q.lock);
    q.closed = 1;
    pthread_cond_broadcast(&q.nonempty);
    pthread_mutex_unlock(&q.lock);
    pthread_join(t, NULL);
    return 0;
}
