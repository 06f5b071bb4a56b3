// `need_lock` is read from the logger's own mode: the shared logger is made thread-safe, each
// session's private one is not. Which value reaches `lg->lines++` is not known here, so
// neither is whether the lock is held: no report.
#include <pthread.h>
#include <stdio.h>

struct logger {
    int thread_safe;
    pthread_mutex_t lock;
    long lines;
};

static struct logger shared_log = { 1, PTHREAD_MUTEX_INITIALIZER, 0 };

static void logger_write(struct logger *lg, const char *msg)
{
    const int need_lock = lg->thread_safe;

    if (need_lock)
        pthread_mutex_lock(&lg->lock);
    lg->lines++;
    (void)msg;
    if (need_lock)
        pthread_mutex_unlock(&lg->lock);
}

static void *session(void *arg)
{
    struct logger private_log = { 0, PTHREAD_MUTEX_INITIALIZER, 0 };

    for (int i = 0; i < 100; i++) {
        logger_write(&private_log, "debug: tick");
        if (i % 10 == 0)
            logger_write(&shared_log, "info: checkpoint");
    }
    printf("%s wrote %ld private lines\n", (const char *)arg, private_log.lines);
    return NULL;
}

int main(void)
{
    pthread_t a, b;

    pthread_create(&a, NULL, session, "session-a");
    pthread_create(&b, NULL, session, "session-b");
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    printf("shared log lines: %ld\n", shared_log.lines);
    return 0;
}
