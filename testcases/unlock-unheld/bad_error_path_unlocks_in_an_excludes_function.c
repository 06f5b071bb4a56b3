// `log_write` is declared EXCLUDES(log_lock): its callers do not hold `log_lock`, so the error
// path's unlock releases a lock nobody holds.
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

#define CAPABILITY(x) __attribute__((capability(x)))
#define GUARDED_BY(x) __attribute__((guarded_by(x)))
#define PT_GUARDED_BY(x) __attribute__((pt_guarded_by(x)))
#define REQUIRES(...) __attribute__((requires_capability(__VA_ARGS__)))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))
#define TRY_ACQUIRE(...) __attribute__((try_acquire_capability(__VA_ARGS__)))
#define EXCLUDES(...) __attribute__((locks_excluded(__VA_ARGS__)))
#define NO_THREAD_SAFETY_ANALYSIS __attribute__((no_thread_safety_analysis))

struct CAPABILITY("mutex") ovs_mutex {
    pthread_mutex_t m;
};

void mutex_lock(struct ovs_mutex *m) ACQUIRE(m);
void mutex_unlock(struct ovs_mutex *m) RELEASE(m);

NO_THREAD_SAFETY_ANALYSIS void mutex_lock(struct ovs_mutex *m)
{
    pthread_mutex_lock(&m->m);
}

NO_THREAD_SAFETY_ANALYSIS void mutex_unlock(struct ovs_mutex *m)
{
    pthread_mutex_unlock(&m->m);
}

static struct ovs_mutex log_lock = { PTHREAD_MUTEX_INITIALIZER };
static int log_lines GUARDED_BY(log_lock);

static int log_write(const char *msg) EXCLUDES(log_lock)
{
    if (msg == NULL) {
        mutex_unlock(&log_lock); //~ ERROR unlock-unheld
        return -1;
    }
    mutex_lock(&log_lock);
    log_lines++;
    printf("[%d] %s\n", log_lines, msg);
    mutex_unlock(&log_lock);
    return 0;
}

static void *logger(void *arg)
{
    const char **msgs = arg;
    for (int i = 0; i < 4; i++) {
        if (log_write(msgs[i]) < 0) {
            fprintf(stderr, "bad message %d\n", i);
        }
    }
    return NULL;
}

int main(void)
{
    static const char *msgs[4] = { "start", "tick", NULL, "stop" };
    pthread_t t[2];
    for (int i = 0; i < 2; i++) {
        pthread_create(&t[i], NULL, logger, (void *) msgs);
    }
    for (int i = 0; i < 2; i++) {
        pthread_join(t[i], NULL);
    }
    return 0;
}
