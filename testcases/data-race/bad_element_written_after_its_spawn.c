// Each worker gets its own element of `jobs`, but main fills in the element's `sink` only after
// starting the worker it passed that element to (the same `i`, not written between): the worker
// may already be reading `j->sink`.
#include <pthread.h>
#include <stdio.h>

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
    struct job jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i].id = i;
        pthread_create(&t[i], NULL, run_job, &jobs[i]);
        jobs[i].sink = &log_sink; //~ ERROR data-race
    }
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    printf("%d\n", log_sink.lines);
    return 0;
}
