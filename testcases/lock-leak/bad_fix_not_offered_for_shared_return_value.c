// The leaking return reads `log_errors`, which the lock guards: unlocking first would read it
// unlocked, so no fix is offered, only the words.
#include <pthread.h>
#include <unistd.h>

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static int log_errors;

int log_line(int fd, const char *line, unsigned len)
{
    pthread_mutex_lock(&log_mu);
    if (fd < 0) {
        log_errors++;
        return -log_errors; //~ ERROR lock-leak
    }
    write(fd, line, len);
    pthread_mutex_unlock(&log_mu);
    return 0;
}
