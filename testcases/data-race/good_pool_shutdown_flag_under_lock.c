// The same pool as bad_pool_shutdown_flag_after_blocking_submits.c, with `shutdown` set under
// the lock the workers read it with.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NWORKERS 4
#define CAP 16

struct task {
    void (*fn)(void *);
    void *arg;
};

struct pool {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    struct task queue[CAP];
    int head, count, shutdown;
    pthread_t workers[NWORKERS];
};

static void *worker(void *arg)
{
    struct pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (p->count == 0 && !p->shutdown)
            pthread_cond_wait(&p->cond, &p->lock);
        if (p->count == 0) {
            pthread_mutex_unlock(&p->lock);
            return NULL;
        }
        struct task t = p->queue[p->head];
        p->head = (p->head + 1) % CAP;
        p->count--;
        pthread_cond_broadcast(&p->cond);
        pthread_mutex_unlock(&p->lock);
        t.fn(t.arg);
    }
}

static void pool_init(struct pool *p)
{
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->cond, NULL);
    p->head = p->count = p->shutdown = 0;
    for (int i = 0; i < NWORKERS; i++)
        pthread_create(&p->workers[i], NULL, worker, p);
}

static void pool_submit(struct pool *p, void (*fn)(void *), void *arg)
{
    pthread_mutex_lock(&p->lock);
    while (p->count == CAP)
        pthread_cond_wait(&p->cond, &p->lock);
    p->queue[(p->head + p->count) % CAP] = (struct task){fn, arg};
    p->count++;
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
}

static void pool_destroy(struct pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->shutdown = 1;
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(p->workers[i], NULL);
    pthread_cond_destroy(&p->cond);
    pthread_mutex_destroy(&p->lock);
}

static void say(void *arg)
{
    puts(arg);
}

int main(void)
{
    struct pool *p = malloc(sizeof *p);
    if (!p)
        return 1;
    pool_init(p);
    for (int i = 0; i < 100; i++)
        pool_submit(p, say, "hello");
    pool_destroy(p);
    free(p);
    return 0;
}
