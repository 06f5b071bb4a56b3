// The same pool with the count taken under the pool's lock: the workers share one lock, and main
// reads the count after pool_stop() joined them.
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 3

struct pool {
    pthread_t workers[NWORKERS];
    pthread_mutex_t lock;
    int next, njobs;
    unsigned long done;
};

static void *pool_worker(void *arg)
{
    struct pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        int job = p->next < p->njobs ? p->next++ : -1;
        pthread_mutex_unlock(&p->lock);
        if (job < 0)
            break;
        pthread_mutex_lock(&p->lock);
        p->done++;
        pthread_mutex_unlock(&p->lock);
    }
    return NULL;
}

static int pool_start(struct pool *p, int njobs)
{
    p->next = 0;
    p->njobs = njobs;
    p->done = 0;
    pthread_mutex_init(&p->lock, NULL);
    for (int i = 0; i < NWORKERS; i++)
        if (pthread_create(&p->workers[i], NULL, pool_worker, p) != 0)
            return -1;
    return 0;
}

static void pool_stop(struct pool *p)
{
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(p->workers[i], NULL);
    pthread_mutex_destroy(&p->lock);
}

int main(void)
{
    struct pool pool;
    if (pool_start(&pool, 100) != 0)
        return 1;
    pool_stop(&pool);
    printf("%lu jobs\n", pool.done);
    return 0;
}
