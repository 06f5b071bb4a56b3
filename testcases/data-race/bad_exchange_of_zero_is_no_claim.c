// `start` exchanges 0 into its flag, which claims nothing: every call gets past the test once
// the flag is 0 again, and the second call rewrites the configuration the first thread reads.
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

    if (__atomic_exchange_n(&started, 0, __ATOMIC_SEQ_CST))
        return 0;
    cfg.period = period; //~ ERROR data-race
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
