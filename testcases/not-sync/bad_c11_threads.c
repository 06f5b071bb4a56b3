// C11 threads: the spawning function reads the shared state while the thread may write it.
#include <threads.h>

#include "../../annotations/fearless.h"

struct NOT_SYNC game_state {
    int score;
    int tick;
};

static int physics(void *arg)
{
    struct game_state *g = arg;
    g->tick++;
    return 0;
}

int step(void)
{
    thrd_t t;
    struct game_state g = {0, 0};
    if (thrd_create(&t, physics, &g) != thrd_success) //~ ERROR not-sync
        return -1;
    int score = g.score;
    thrd_join(t, NULL);
    return score;
}
