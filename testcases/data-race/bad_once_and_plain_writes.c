// A once construct orders only what it guards: `limit` is set in the once block, but the
// worker also writes it without a lock, and the main thread reads it meanwhile.
#include <pthread.h>
#include <stdbool.h>

#include "once.h"

static int limit;

static int get_limit(void)
{
    static struct once once = ONCE_INITIALIZER;

    if (once_start(&once)) {
        limit = 64;
        once_done(&once);
    }
    return limit;
}

static void *worker(void *arg)
{
    (void)arg;
    limit = 128; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    int l = get_limit();
    pthread_join(t, NULL);
    return l;
}
