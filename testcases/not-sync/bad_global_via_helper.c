// The worker reaches the global through a helper; main calls the same helper's sibling.
#include <pthread.h>

#include "../../annotations/fearless.h"

struct NOT_SYNC rng {
    unsigned long state;
};

static struct rng g_rng = {42};

static unsigned long next_random(void)
{
    g_rng.state = g_rng.state * 6364136223846793005ul + 1; //~ ERROR not-sync //~ ERROR data-race
    return g_rng.state >> 33;
}

static void reseed(unsigned long s)
{
    g_rng.state = s;
}

static void *simulate(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++)
        next_random();
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, simulate, NULL);
    reseed(7);
    pthread_join(t, NULL);
    return 0;
}
