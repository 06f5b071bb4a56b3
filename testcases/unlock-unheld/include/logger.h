/* logger.h - a shared logger whose lock callers take around multi-line records. */
#ifndef LOGGER_H
#define LOGGER_H
#include <pthread.h>
#include "../../../annotations/fearless.h"

struct logger {
    pthread_mutex_t mu;
    int fd;
    unsigned long lines;
};

void log_begin(struct logger *lg) FL_ACQUIRE(lg->mu);
void log_end(struct logger *lg) FL_RELEASE(lg->mu);
void log_line(struct logger *lg, const char *text) FL_REQUIRES(lg->mu);
#endif
