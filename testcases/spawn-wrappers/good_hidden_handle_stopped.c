// The handle `start_logger` hides in a global is joined by `stop_logger`, which the caller
// calls before `prefix` dies: a call that can reach the hidden handle may join it.
#include <pthread.h>
#include <stdio.h>

static pthread_t logger_thread;

static int start_logger(void *(*fn)(void *), void *arg)
{
    return pthread_create(&logger_thread, NULL, fn, arg);
}

static void stop_logger(void)
{
    pthread_join(logger_thread, NULL);
}

static void *log_lines(void *arg)
{
    const char *prefix = arg;
    printf("%s: started\n", prefix);
    return NULL;
}

int log_once(const char *name)
{
    char prefix[32];
    snprintf(prefix, sizeof prefix, "[%s]", name);
    if (start_logger(log_lines, prefix) != 0)
        return -1;
    stop_logger();
    return 0;
}
