// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* A reader-writer lock guards what its write side writes and its read side reads: `pattern` is
   proposed. A field written while only the read side is held is not guarded by it (two readers
   may write at once): `max_length` is not proposed. */
#include <pthread.h>

static pthread_rwlock_t pattern_rwlock = PTHREAD_RWLOCK_INITIALIZER;
static const char *pattern; //~ NOTE suggest-guarded-by
static int max_length;
static int log_fd;

void set_pattern(const char *p)
{
    pthread_rwlock_wrlock(&pattern_rwlock);
    pattern = p;
    pthread_rwlock_unlock(&pattern_rwlock);
}

int format_message(char *buf)
{
    pthread_rwlock_rdlock(&pattern_rwlock);
    int n = pattern[0] + buf[0];
    if (log_fd >= 0)
        max_length = n;
    pthread_rwlock_unlock(&pattern_rwlock);
    return n;
}

int send_message(char *buf)
{
    pthread_rwlock_rdlock(&pattern_rwlock);
    int n = pattern[0] + max_length + buf[0];
    max_length = n + 1;
    pthread_rwlock_unlock(&pattern_rwlock);
    return n;
}
