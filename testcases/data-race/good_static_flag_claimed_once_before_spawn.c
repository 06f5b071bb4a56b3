// `start_heartbeat` claims its own static flag with a test-and-set: only the first caller gets
// past it, sets the configuration and starts the thread; a later call returns at once. The
// writes run once, before the thread they configure exists.
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

struct hb_cfg {
    int period_ms;
    int beats;
};

static atomic_int beats_done;

static void *heartbeat(void *arg)
{
    const struct hb_cfg *cfg = arg;
    for (int i = 0; i < cfg->beats; i++) {
        usleep((useconds_t)cfg->period_ms * 1000);
        atomic_fetch_add(&beats_done, 1);
    }
    return NULL;
}

static int start_heartbeat(int period_ms, int beats)
{
    static struct hb_cfg cfg;
    static atomic_flag started = ATOMIC_FLAG_INIT;
    pthread_t t;

    if (atomic_flag_test_and_set(&started))
        return 0;
    cfg.period_ms = period_ms;
    cfg.beats = beats;
    if (pthread_create(&t, NULL, heartbeat, &cfg) != 0)
        return -1;
    pthread_detach(t);
    return beats;
}

int main(void)
{
    int expected = start_heartbeat(10, 3);
    if (expected < 0)
        return 1;
    if (start_heartbeat(1, 100) != 0)
        return 1;
    while (atomic_load(&beats_done) < expected)
        usleep(5000);
    return 0;
}
