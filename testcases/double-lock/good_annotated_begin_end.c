// log_begin / log_end are annotated in a header: a record between them, then another.
#include "include/logger.h"

void log_pair(struct logger *lg, const char *a, const char *b)
{
    log_begin(lg);
    log_line(lg, a);
    log_end(lg);
    log_begin(lg);
    log_line(lg, b);
    log_end(lg);
}
