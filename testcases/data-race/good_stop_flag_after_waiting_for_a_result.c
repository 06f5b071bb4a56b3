// The caller waits for the worker's first result, then its stop function sets the flag the worker
// reads under the mutex, under the mutex too, before joining.
#include <pthread.h>
#include <stdlib.h>

struct req {
    struct req *next;
    long value;
};

struct loop {
    pthread_mutex_t mu;
    pthread_cond_t work_cv, done_cv;
    struct req *pending, *done;
    int stopping;
    pthread_t worker;
};

static void *worker_main(void *arg)
{
    struct loop *l = arg;
    pthread_mutex_lock(&l->mu);
    for (;;) {
        while (!l->stopping && l->pending == NULL)
            pthread_cond_wait(&l->work_cv, &l->mu);
        if (l->pending == NULL)
            break;
        struct req *r = l->pending;
        l->pending = r->next;
        r->next = l->done;
        l->done = r;
        pthread_cond_signal(&l->done_cv);
    }
    pthread_mutex_unlock(&l->mu);
    return NULL;
}

static int loop_start(struct loop *l)
{
    pthread_mutex_init(&l->mu, NULL);
    pthread_cond_init(&l->work_cv, NULL);
    pthread_cond_init(&l->done_cv, NULL);
    return pthread_create(&l->worker, NULL, worker_main, l);
}

static void loop_submit(struct loop *l, struct req *r)
{
    pthread_mutex_lock(&l->mu);
    r->next = l->pending;
    l->pending = r;
    pthread_cond_signal(&l->work_cv);
    pthread_mutex_unlock(&l->mu);
}

static struct req *loop_wait_result(struct loop *l)
{
    pthread_mutex_lock(&l->mu);
    while (l->done == NULL)
        pthread_cond_wait(&l->done_cv, &l->mu);
    struct req *r = l->done;
    l->done = r->next;
    pthread_mutex_unlock(&l->mu);
    return r;
}

static void loop_stop(struct loop *l)
{
    pthread_mutex_lock(&l->mu);
    l->stopping = 1;
    pthread_cond_broadcast(&l->work_cv);
    pthread_mutex_unlock(&l->mu);
    pthread_join(l->worker, NULL);
}

int main(void)
{
    static struct loop l;
    static struct req r = {NULL, 42};
    if (loop_start(&l) != 0)
        return 1;
    loop_submit(&l, &r);
    loop_wait_result(&l);
    loop_stop(&l);
    return 0;
}
