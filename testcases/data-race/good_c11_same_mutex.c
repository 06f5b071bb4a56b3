// C11 threads, both sides under the same mtx_t.
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
    mtx_lock(&mu);
    pending += 3;
    mtx_unlock(&mu);
    thrd_join(t, NULL);
    return 0;
}
