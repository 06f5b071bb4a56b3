// A logger set once: by main from its options before any thread starts, or else by the first
// message through a once construct. Every write to `logger` is either before the threads or in
// code that runs once, so the threads' reads are ordered after it: no race.
// fearless-flags: --verbose
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

#include "once.h"

static FILE *logger;

static void set_log_target(FILE *f)
{
    if (logger)
        return;
    logger = f; //~ NOTE data-race
}

static void log_init(void)
{
    static struct once once = ONCE_INITIALIZER;

    if (once_start(&once)) {
        set_log_target(stderr);
        once_done(&once);
    }
}

static void log_msg(const char *msg)
{
    log_init();
    fputs(msg, logger);
}

static void *worker(void *arg)
{
    log_msg(arg);
    return NULL;
}

int main(int argc, char **argv)
{
    pthread_t t[2];
    if (argc > 1)
        set_log_target(stdout);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, "working\n");
    log_msg("started\n");
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    (void)argv;
    return 0;
}
