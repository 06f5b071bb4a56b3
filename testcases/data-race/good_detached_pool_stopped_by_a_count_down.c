// pool_stop() waits, under the pool's lock, until every detached worker has counted itself out
// (`alive`), waking them again each time round: after it returns no worker touches `jobs`, so
// main's write there is alone.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct pool {
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    int shutdown, alive, jobs;
};

static void *worker(void *arg)
{
    struct pool *p = arg;
    pthread_mutex_lock(&p->lock);
    while (!p->shutdown) {
        while (p->jobs == 0 && !p->shutdown)
            pthread_cond_wait(&p->work, &p->lock);
        if (p->jobs > 0)
            p->jobs--;
    }
    p->alive--;
    pthread_cond_signal(&p->done);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void pool_start(struct pool *p, int n)
{
    pthread_t t;
    p->shutdown = 0;
    p->jobs = 0;
    p->alive = n;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->work, NULL);
    pthread_cond_init(&p->done, NULL);
    for (int i = 0; i < n; i++) {
        pthread_create(&t, NULL, worker, p);
        pthread_detach(t);
    }
}

static void pool_stop(struct pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->shutdown = 1;
    while (p->alive > 0) {
        pthread_cond_broadcast(&p->work);
        pthread_cond_wait(&p->done, &p->lock);
    }
    pthread_mutex_unlock(&p->lock);
}

int main(void)
{
    struct pool *p = malloc(sizeof *p);
    if (!p)
        return 1;
    pool_start(p, 4);
    pool_stop(p);
    p->jobs = 0;
    free(p);
    return 0;
}
