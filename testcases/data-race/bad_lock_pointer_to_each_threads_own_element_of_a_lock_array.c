// Each worker is given a pointer to its own mutex (`w[i].mtx = &locks[i]`) and adds into one
// total under it: two workers hold two different locks, so the additions race.
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
    *dst += v; //~ ERROR data-race
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
        w[i].mtx = &locks[i];
        w[i].total = &grand_total;
        w[i].iters = 10000;
        pthread_create(&th[i], NULL, work, &w[i]);
    }
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    printf("total=%ld\n", grand_total);
    return 0;
}
