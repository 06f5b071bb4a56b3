// Main fills in the next element after starting a worker: that element is the next worker's,
// not yet started, so no thread reads it while main writes it.
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
    jobs[0].id = 0;
    jobs[0].sink = &log_sink;
    for (int i = 0; i < 4; i++) {
        pthread_create(&t[i], NULL, run_job, &jobs[i]);
        if (i + 1 < 4) {
            int k = i + 1;
            jobs[k].id = k;
            jobs[k].sink = &log_sink;
        }
    }
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    printf("%d\n", log_sink.lines);
    return 0;
}
