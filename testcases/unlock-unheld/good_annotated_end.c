// log_end (FL_RELEASE in the header) closes what log_begin (FL_ACQUIRE) opened.
#include "include/logger.h"

void log_two(struct logger *lg, const char *a, const char *b)
{
    log_begin(lg);
    log_line(lg, a);
    log_line(lg, b);
    log_end(lg);
}
