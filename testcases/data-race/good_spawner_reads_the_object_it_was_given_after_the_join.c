// The pipeline of bad_spawner_reads_the_object_it_was_given_before_the_join.c, reading the
// sink's total after joining both stages.
#include <pthread.h>
#include <stdio.h>

struct pipeline {
    pthread_t source, sink;
    long total;
};

static void *source_stage(void *arg)
{
    (void)arg;
    return NULL;
}

static void *sink_stage(void *arg)
{
    struct pipeline *p = arg;
    for (int i = 1; i <= 100; i++)
        p->total += i;
    return NULL;
}

static long pipeline_run(struct pipeline *p)
{
    long total;
    p->total = 0;
    pthread_create(&p->source, NULL, source_stage, NULL);
    pthread_create(&p->sink, NULL, sink_stage, p);
    pthread_join(p->source, NULL);
    pthread_join(p->sink, NULL);
    total = p->total;
    return total;
}

int main(void)
{
    struct pipeline p;
    printf("%ld\n", pipeline_run(&p));
    return 0;
}
