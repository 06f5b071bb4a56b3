// A job made of plain data (numbers, a string, a buffer it owns) is Send: moving it is fine.
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../../annotations/fearless.h"

struct compress_job {
    char *path;
    unsigned char *buf;
    size_t len;
    int level;
};

static void *compress(void *arg)
{
    struct compress_job *job = arg;
    free(job->buf);
    free(job->path);
    free(job);
    return NULL;
}

int compress_async(const char *path, int level, pthread_t *t)
{
    struct compress_job *job = calloc(1, sizeof *job);
    if (!job)
        return -1;
    job->path = strdup(path);
    job->level = level;
    return pthread_create(t, NULL, compress, fl_move(job));
}
