// pool_start() starts detached workers that unlink themselves from the pool's list as their last
// act, under the pool's mutex, and wake the stopper; pool_stop() waits while the list is not
// empty (a wait for the workers' end, not for data), so main's reset of the job count after it
// races with nothing.
#include <pthread.h>
#include <stdlib.h>

struct worker {
    struct worker *next;
    pthread_t tid;
};

struct pool {
    pthread_mutex_t mu;
    pthread_cond_t gone;
    struct worker *workers;
    int stop;
    long jobs;
};

static void unlink_worker(struct pool *p, struct worker *w)
{
    struct worker **pp = &p->workers;
    while (*pp && *pp != w)
        pp = &(*pp)->next;
    if (*pp)
        *pp = w->next;
}

struct start {
    struct pool *p;
    struct worker *w;
};

static void *run(void *arg)
{
    struct start s = *(struct start *)arg;
    free(arg);
    pthread_mutex_lock(&s.p->mu);
    while (!s.p->stop)
        s.p->jobs++;
    unlink_worker(s.p, s.w);
    pthread_cond_broadcast(&s.p->gone);
    pthread_mutex_unlock(&s.p->mu);
    free(s.w);
    return NULL;
}

static void pool_stop(struct pool *p)
{
    pthread_mutex_lock(&p->mu);
    p->stop = 1;
    while (p->workers != NULL)
        pthread_cond_wait(&p->gone, &p->mu);
    pthread_mutex_unlock(&p->mu);
}

static void pool_start(struct pool *p, int n)
{
    for (int i = 0; i < n; i++) {
        struct worker *w = calloc(1, sizeof *w);
        struct start *s = malloc(sizeof *s);
        if (!w || !s) {
            free(w);
            free(s);
            return;
        }
        s->p = p;
        s->w = w;
        pthread_mutex_lock(&p->mu);
        w->next = p->workers;
        p->workers = w;
        pthread_mutex_unlock(&p->mu);
        if (pthread_create(&w->tid, NULL, run, s) != 0) {
            pthread_mutex_lock(&p->mu);
            unlink_worker(p, w);
            pthread_mutex_unlock(&p->mu);
            free(w);
            free(s);
            return;
        }
        pthread_detach(w->tid);
    }
}

int main(void)
{
    static struct pool p = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NULL, 0, 0};
    pool_start(&p, 4);
    pool_stop(&p);
    p.jobs = 0;
    return 0;
}
