// The other shape of a once construct: return unless this is the first pass, then initialize,
// here partly in a helper that nothing else calls. Every write to `seqno` and `hooks` is in code
// that runs once: no race with the threads that read them.
// fearless-flags: --verbose
#include <pthread.h>
#include <stdbool.h>

#include "once.h"

static long seqno;
static int hooks;

static void add_hooks(void)
{
    hooks = 3; //~ NOTE data-race
}

static void init_module(void)
{
    static struct once once = ONCE_INITIALIZER;

    if (!once_start(&once)) {
        return;
    }
    seqno = 1; //~ NOTE data-race
    add_hooks();
    once_done(&once);
}

static void *worker(void *arg)
{
    (void)arg;
    init_module();
    return (void *)(seqno + hooks);
}

int main(void)
{
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    init_module();
    long s = seqno;
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)s;
}
