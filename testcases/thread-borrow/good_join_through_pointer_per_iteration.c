// Threads whose handles live in a heap array, reached each iteration through a pointer declared
// in the loop (`t = &cthreads[i]`), joined by a second loop through its own `t` (fio's
// gettime.c clock test): leaving the join loop joins them all, so `seq` outlives them.
#include <pthread.h>
#include <stdlib.h>

struct clock_thread {
    pthread_t thread;
    unsigned *seq;
};

static void *clock_thread_fn(void *arg)
{
    struct clock_thread *t = arg;
    (*t->seq)++;
    return NULL;
}

int clock_test(int nr_cpus)
{
    unsigned seq = 0;
    struct clock_thread *cthreads = malloc(nr_cpus * sizeof *cthreads);
    int i;
    for (i = 0; i < nr_cpus; i++) {
        struct clock_thread *t = &cthreads[i];
        t->seq = &seq;
        if (pthread_create(&t->thread, NULL, clock_thread_fn, t)) {
            nr_cpus = i;
            break;
        }
    }
    for (i = 0; i < nr_cpus; i++) {
        struct clock_thread *t = &cthreads[i];
        pthread_join(t->thread, NULL);
    }
    free(cthreads);
    return (int)seq;
}
