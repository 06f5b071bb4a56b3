// Every worker is given a pointer to the same mutex (`w[i].mtx = &locks[0]`) and adds into
// one total under it.
#include <pthread.h>
#include <stdio.h>

struct worker {
    pthread_mutex_t *mtx;
    long *total;
    int iters;
};

static pthread_mutex_t locks[2] = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};
static long grand_total;

static void add_locked(pthread_mutex_t *m, long *dst, long v)
{
    pthread_mutex_lock(m);
    *dst += v;
    pthread_mutex_unlock(m);
}

static void *work(void *p)
{
    struct worker *w = p;
    for (int i = 0; i < w->iters; i++)
        add_locked(w->mtx, w->total, 1);
    return NULL;
}

int main(void)
{
    pthread_t th[2];
    struct worker w[2];
    for (int i = 0; i < 2; i++) {
        w[i].mtx = &locks[0];
        w[i].total = &grand_total;
        w[i].iters = 10000;
        pthread_create(&th[i], NULL, work, &w[i]);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    printf("total=%ld\n", grand_total);
    return 0;
}
