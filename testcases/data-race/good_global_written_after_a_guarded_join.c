// read_index() creates and joins its helper under one test of `ext`; main's later write of the
// routine the helper calls comes after the join.
#include <pthread.h>
#include <stdio.h>

typedef void (*report_fn)(const char *);

static void default_report(const char *m)
{
    fputs(m, stderr);
}

static report_fn error_routine = default_report;

static void *ext_thread(void *arg)
{
    error_routine("bad extension\n");
    return arg;
}

static void read_index(int nr_threads)
{
    pthread_t th;
    size_t ext = 0;
    if (nr_threads > 1) {
        ext = (size_t)nr_threads;
        if (ext)
            pthread_create(&th, NULL, ext_thread, NULL);
    }
    if (ext)
        pthread_join(th, NULL);
    else
        ext_thread(NULL);
}

int main(int argc, char **argv)
{
    (void)argv;
    read_index(argc);
    error_routine = default_report;
    return 0;
}
