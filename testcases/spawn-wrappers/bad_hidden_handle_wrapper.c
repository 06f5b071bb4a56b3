// `start_logger` keeps the handle in a global the caller cannot name; nothing after the call
// could join the thread before `prefix` dies.
#include <pthread.h>
#include <stdio.h>

static pthread_t logger_thread;

static int start_logger(void *(*fn)(void *), void *arg)
{
    return pthread_create(&logger_thread, NULL, fn, arg);
}

static void *log_lines(void *arg)
{
    const char *prefix = arg;
    printf("%s: started\n", prefix);
    return NULL;
}

int init_logging(const char *name)
{
    char prefix[32];
    snprintf(prefix, sizeof prefix, "[%s]", name);
    return start_logger(log_lines, prefix); //~ ERROR thread-borrow
}
