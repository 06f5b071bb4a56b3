// `start` claims its static flag by exchanging 1 into it: only the first call configures and
// starts the thread; the second finds the flag set and returns.
#include <pthread.h>
#include <unistd.h>

struct cfg {
    int period;
};

static void *run(void *arg)
{
    const struct cfg *c = arg;
    return (void *)(long)c->period;
}

static int start(int period)
{
    static struct cfg cfg;
    static int started;
    pthread_t t;

    if (__atomic_exchange_n(&started, 1, __ATOMIC_SEQ_CST))
        return 0;
    cfg.period = period;
    pthread_create(&t, NULL, run, &cfg);
    pthread_detach(t);
    return 1;
}

int main(void)
{
    start(1);
    start(2);
    sleep(1);
    return 0;
}
