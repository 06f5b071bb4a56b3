// The worker names its pool through a local copy of its argument; on a shutdown job it marks
// the pool stopping itself, under the mutex it holds, instead of calling pool_stop.
#include <threads.h>

struct pool {
    mtx_t mtx;
    cnd_t cv;
    int pending, stopping;
};

static void pool_stop(struct pool *p)
{
    mtx_lock(&p->mtx);
    p->stopping = 1;
    cnd_broadcast(&p->cv);
    mtx_unlock(&p->mtx);
}

int worker(void *arg)
{
    struct pool *p = arg;
    for (;;) {
        mtx_lock(&p->mtx);
        while (p->pending == 0 && !p->stopping)
            cnd_wait(&p->cv, &p->mtx);
        if (p->pending < 0) {
            p->stopping = 1;
            cnd_broadcast(&p->cv);
            mtx_unlock(&p->mtx);
            return 0;
        }
        if (p->stopping) {
            mtx_unlock(&p->mtx);
            return 0;
        }
        p->pending--;
        mtx_unlock(&p->mtx);
    }
}
