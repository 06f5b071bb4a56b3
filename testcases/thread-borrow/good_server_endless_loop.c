// A server that never leaves its loop never ends the lifetime of its locals.
#include <pthread.h>
#include <unistd.h>

static void *stats_reporter(void *arg)
{
    return arg;
}

void serve_forever(int fd)
{
    long requests = 0;
    pthread_t reporter;
    pthread_create(&reporter, NULL, stats_reporter, &requests);
    for (;;) {
        char c;
        if (read(fd, &c, 1) == 1)
            requests++;
    }
}
