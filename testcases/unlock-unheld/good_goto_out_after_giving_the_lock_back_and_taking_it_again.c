// `finish_locked` is called with `m` held and returns with it released. The jump to `out` skips
// an unlock and a lock again (to let another thread in), so `m` is held on both paths to the
// final unlock.
#include <pthread.h>
#include <sched.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int ready, done;

static void finish_locked(int yield_first)
{
    if (!yield_first)
        goto out;
    pthread_mutex_unlock(&m);
    sched_yield();
    pthread_mutex_lock(&m);
out:
    done = 1;
    pthread_mutex_unlock(&m);
}

static void *worker(void *arg)
{
    pthread_mutex_lock(&m);
    ready = 1;
    finish_locked(ready);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    pthread_join(t, NULL);
    return done;
}
