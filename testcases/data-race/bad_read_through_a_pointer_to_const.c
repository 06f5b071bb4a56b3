// A reader that takes its object through a pointer to const still reads what the writer writes:
// `s->hits` read by the reporter races with the worker's `s->hits++`.
#include <pthread.h>
#include <stdio.h>

struct stats {
    long hits;
};

static long stats_hits(const struct stats *s)
{
    return s->hits;
}

static void *worker(void *arg)
{
    struct stats *s = arg;
    for (int i = 0; i < 1000; i++)
        s->hits++; //~ ERROR data-race
    return NULL;
}

int main(void)
{
    static struct stats st;
    pthread_t t;
    pthread_create(&t, NULL, worker, &st);
    printf("%ld\n", stats_hits(&st));
    pthread_join(t, NULL);
    return 0;
}
