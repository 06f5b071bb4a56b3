// log_line is called with the logger's mutex held (FL_REQUIRES): locking it inside deadlocks.
#include <unistd.h>
#include <string.h>
#include "include/logger.h"

void log_line(struct logger *lg, const char *text)
{
    pthread_mutex_lock(&lg->mu); //~ ERROR double-lock
    write(lg->fd, text, strlen(text));
    lg->lines++;
    pthread_mutex_unlock(&lg->mu);
}
