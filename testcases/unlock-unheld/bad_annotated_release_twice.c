// log_end is declared FL_RELEASE(lg->mu) in a header: calling it twice releases the lock twice.
#include "include/logger.h"

void log_banner(struct logger *lg, const char *title)
{
    log_begin(lg);
    log_line(lg, title);
    log_end(lg);
    log_end(lg); //~ ERROR unlock-unheld
}
