// pipeline_run() is given the pipeline, starts its sink on it, and reads the sink's total before
// joining the sink (it joins only the stage before it): the read races with the sink's writes.
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
        p->total += i; //~ ERROR data-race
    return NULL;
}

static long pipeline_run(struct pipeline *p)
{
    long total;
    p->total = 0;
    pthread_create(&p->source, NULL, source_stage, NULL);
    pthread_create(&p->sink, NULL, sink_stage, p);
    pthread_join(p->source, NULL);
    total = p->total;
    pthread_join(p->sink, NULL);
    return total;
}

int main(void)
{
    struct pipeline p;
    printf("%ld\n", pipeline_run(&p));
    return 0;
}
