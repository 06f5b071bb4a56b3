// The join loop joins each worker before reading its result: ordered.
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
    s->best = best;
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
        pthread_join(t[i], NULL);
        if (out[i].best > best)
            best = out[i].best;
    }
    printf("%d\n", best);
    return 0;
}
