// log_begin (FL_ACQUIRE in the header) is not matched by log_end on the empty-message path.
#include "include/logger.h"

void log_record(struct logger *lg, const char *a, const char *b)
{
    log_begin(lg);
    log_line(lg, a);
    if (!b)
        return; //~ ERROR lock-leak
    log_line(lg, b);
    log_end(lg);
}
