// Each worker gets its own state from a constructor and frees it; every call makes a new
// object, so the workers' updates never meet.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NW 4

struct state {
    int id;
    long hits;
};

static struct state *state_new(int id)
{
    struct state *s = calloc(1, sizeof *s);
    if (s)
        s->id = id;
    return s;
}

static void *work(void *arg)
{
    struct state *s = arg;
    for (int i = 0; i < 1000; i++)
        s->hits += i;
    printf("worker %d: %ld\n", s->id, s->hits);
    free(s);
    return NULL;
}

int main(void)
{
    pthread_t t[NW];
    int n = 0;
    for (int i = 0; i < NW; i++) {
        struct state *s = state_new(i);
        if (!s)
            break;
        s->hits = 0;
        if (pthread_create(&t[n], NULL, work, s) != 0) {
            free(s);
            break;
        }
        n++;
    }
    for (int i = 0; i < n; i++)
        pthread_join(t[i], NULL);
    return 0;
}
