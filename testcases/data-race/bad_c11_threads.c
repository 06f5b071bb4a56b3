// C11 threads: the worker locks, main does not.
#include <threads.h>

static mtx_t mu;
static int pending;

static int drain(void *arg)
{
    (void)arg;
    mtx_lock(&mu);
    pending = 0;
    mtx_unlock(&mu);
    return 0;
}

int main(void)
{
    thrd_t t;
    mtx_init(&mu, mtx_plain);
    thrd_create(&t, drain, NULL);
    pending += 3; //~ ERROR data-race
    thrd_join(t, NULL);
    return 0;
}
