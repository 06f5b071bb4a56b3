// Two wrappers deep: start_pool -> spawn_worker -> pthread_create. The handles end up in
// `pool.workers[i].tid`, the argument is `&cfg` on the caller's stack, and the caller returns
// without stopping the pool.
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 4

struct config {
    int verbose;
    int batch;
};

struct worker {
    pthread_t tid;
    int id;
};

struct pool {
    struct worker workers[NWORKERS];
};

static void *serve(void *arg)
{
    const struct config *cfg = arg;
    if (cfg->verbose)
        printf("serving batches of %d\n", cfg->batch);
    return NULL;
}

static int spawn_worker(struct worker *w, int id, void *(*fn)(void *), void *arg)
{
    w->id = id;
    return pthread_create(&w->tid, NULL, fn, arg);
}

static void start_pool(struct pool *p, void *(*fn)(void *), void *arg)
{
    for (int i = 0; i < NWORKERS; i++)
        spawn_worker(&p->workers[i], i, fn, arg);
}

void run_server(int verbose)
{
    struct config cfg = {verbose, 64};
    struct pool pool;
    start_pool(&pool, serve, &cfg); //~ ERROR thread-borrow
    printf("server running\n");
}
