// log_begin is declared FL_ACQUIRE(lg->mu) in a header: calling it twice without log_end in
// between locks the logger's mutex twice.
#include "include/logger.h"

void log_request(struct logger *lg, const char *method, const char *path)
{
    log_begin(lg);
    log_line(lg, method);
    log_begin(lg); //~ ERROR double-lock
    log_line(lg, path);
    log_end(lg);
}
