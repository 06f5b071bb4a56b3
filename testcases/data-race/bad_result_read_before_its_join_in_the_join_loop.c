// The join loop reads each worker's result before joining it: in iteration i, worker i may still
// be writing `out[i].best`.
#include <pthread.h>
#include <stdio.h>

#define NW 4

struct search {
    int lo, hi;
    int best;
};

static void *search(void *arg)
{
    struct search *s = arg;
    int best = -1;
    for (int v = s->lo; v < s->hi; v++)
        if (v % 7 == 3)
            best = v;
    s->best = best; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    pthread_t t[NW];
    struct search out[NW];
    for (int i = 0; i < NW; i++) {
        out[i].lo = i * 1000;
        out[i].hi = out[i].lo + 1000;
        if (pthread_create(&t[i], NULL, search, &out[i]) != 0)
            return 1;
    }
    int best = -1;
    for (int i = 0; i < NW; i++) {
        if (out[i].best > best)
            best = out[i].best;
        pthread_join(t[i], NULL);
    }
    printf("%d\n", best);
    return 0;
}
