// Each worker counts into its own slot through a helper indexing by its parameter
// (`st->done[id]`), given the worker's own id: no two threads share a slot.
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 4

struct stats {
    long done[NWORKERS];
};

static struct stats g_stats;

struct worker {
    pthread_t thread;
    int id;
};

static void record(struct stats *st, int id)
{
    st->done[id]++;
}

static void *work(void *arg)
{
    struct worker *w = arg;
    for (int i = 0; i < 1000; i++)
        record(&g_stats, w->id);
    return NULL;
}

int main(void)
{
    struct worker w[NWORKERS];
    for (int i = 0; i < NWORKERS; i++) {
        w[i].id = i;
        pthread_create(&w[i].thread, NULL, work, &w[i]);
    }
    long total = 0;
    for (int i = 0; i < NWORKERS; i++)
        pthread_join(w[i].thread, NULL);
    for (int i = 0; i < NWORKERS; i++)
        total += g_stats.done[i];
    printf("%ld\n", total);
    return 0;
}
