// The pool counts the workers it managed to start; when it started none, it frees itself and
// reports failure. No worker can be running there: every successful spawn counted itself.
#include <pthread.h>
#include <stdlib.h>

struct pool {
    pthread_mutex_t lock;
    pthread_cond_t cv;
    int pending, closing, nthreads;
    pthread_t tids[8];
};

static void *worker(void *arg)
{
    struct pool *p = arg;
    pthread_mutex_lock(&p->lock);
    while (!p->pending && !p->closing)
        pthread_cond_wait(&p->cv, &p->lock);
    p->pending = 0;
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static struct pool *pool_create(int n)
{
    struct pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->cv, NULL);
    for (int i = 0; i < n && i < 8; i++) {
        if (pthread_create(&p->tids[i], NULL, worker, p) != 0)
            break;
        p->nthreads++;
    }
    if (p->nthreads == 0) {
        pthread_cond_destroy(&p->cv);
        pthread_mutex_destroy(&p->lock);
        free(p);
        return NULL;
    }
    return p;
}

int main(void)
{
    struct pool *p = pool_create(4);
    if (!p)
        return 1;
    pthread_mutex_lock(&p->lock);
    p->closing = 1;
    pthread_cond_broadcast(&p->cv);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < p->nthreads; i++)
        pthread_join(p->tids[i], NULL);
    free(p);
    return 0;
}
