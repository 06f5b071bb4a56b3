// The job is complete before its worker starts, and main reads the worker's result through
// `jobs[i]` only after joining it; writing the next element after a start is another thread's.
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
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        printf("job %d done\n", jobs[i]->id);
        jobs[i]->id = -1;
        free(jobs[i]);
    }
    printf("%d\n", log_sink.lines);
    return 0;
}
