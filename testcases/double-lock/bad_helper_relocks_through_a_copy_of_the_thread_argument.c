// The worker names its pool through a local copy of its argument; on a shutdown job it calls
// pool_stop, which locks the pool's mutex, while it still holds it.
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
            pool_stop(p); //~ ERROR double-lock
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
