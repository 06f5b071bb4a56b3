/* log_flusher.c - a background thread that periodically flushes a log buffer.
 *
 * BUG: start_flusher() hands the flusher thread a pointer to `cfg`, a local variable, then
 * detaches the thread and returns. `cfg` dies with start_flusher's stack frame while the
 * flusher keeps reading it.
 *
 * fearless: 1 error [thread-borrow]
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

struct log_buffer {
    pthread_mutex_t mu;
    char text[4096];
    size_t len;
};

struct flush_config {
    struct log_buffer *log;
    FILE *out;
    long interval_ms;
};

static void *flusher_main(void *arg)
{
    struct flush_config *cfg = arg;
    struct timespec pause = {0, cfg->interval_ms * 1000000L};
    for (;;) {
        nanosleep(&pause, NULL);
        pthread_mutex_lock(&cfg->log->mu);
        fwrite(cfg->log->text, 1, cfg->log->len, cfg->out);
        cfg->log->len = 0;
        pthread_mutex_unlock(&cfg->log->mu);
        fflush(cfg->out);
    }
    return NULL;
}

int start_flusher(struct log_buffer *log, FILE *out)
{
    struct flush_config cfg = {log, out, 100};
    pthread_t flusher;
    if (pthread_create(&flusher, NULL, flusher_main, &cfg) != 0)
        return -1;
    pthread_detach(flusher);
    return 0;
}

void log_append(struct log_buffer *log, const char *line)
{
    size_t n = strlen(line);
    pthread_mutex_lock(&log->mu);
    if (log->len + n <= sizeof log->text) {
        memcpy(log->text + log->len, line, n);
        log->len += n;
    }
    pthread_mutex_unlock(&log->mu);
}
