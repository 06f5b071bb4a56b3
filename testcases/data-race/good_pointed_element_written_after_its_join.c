// Main writes the element it passed to a worker only after joining that worker, in the same
// iteration: the join orders the write after everything the worker did.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct sink {
    pthread_mutex_t lock;
    int lines;
};

struct job {
    int id;
    struct sink *sink;
};

static struct sink log_sink = {PTHREAD_MUTEX_INITIALIZER, 0};

static void *run_job(void *arg)
{
    struct job *j = arg;
    struct sink *s = j->sink;
    pthread_mutex_lock(&s->lock);
    s->lines += j->id;
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

int main(void)
{
    pthread_t t[4];
    struct job *jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = calloc(1, sizeof *jobs[i]);
        if (!jobs[i])
            return 1;
        jobs[i]->id = i;
        jobs[i]->sink = &log_sink;
        pthread_create(&t[i], NULL, run_job, jobs[i]);
        pthread_join(t[i], NULL);
        jobs[i]->sink = NULL;
        free(jobs[i]);
    }
    printf("%d\n", log_sink.lines);
    return 0;
}
