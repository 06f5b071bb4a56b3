// Both mutexes are left without an initializer and made recursive by a helper that takes the
// mutex by pointer: relocking either may be intended.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t log_lock; /* recursive: see main */
static int log_len;

static pthread_mutex_t stats_lock;
static unsigned long requests, errors;

static void log_flush(void)
{
    pthread_mutex_lock(&log_lock);
    log_len = 0;
    pthread_mutex_unlock(&log_lock);
}

static void log_line(const char *msg)
{
    pthread_mutex_lock(&log_lock);
    if (log_len > 100)
        log_flush();
    log_len += printf("%s\n", msg);
    pthread_mutex_unlock(&log_lock);
}

static double stats_rate(void)
{
    double r;
    pthread_mutex_lock(&stats_lock);
    r = requests ? (double)errors / requests : 0.0;
    pthread_mutex_unlock(&stats_lock);
    return r;
}

static void stats_record(int failed)
{
    pthread_mutex_lock(&stats_lock);
    requests++;
    if (failed)
        errors++;
    if (requests % 100 == 0 && stats_rate() > 0.2)
        log_line("error rate above 20 percent");
    pthread_mutex_unlock(&stats_lock);
}

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 500; i++)
        stats_record(i % 4 == 0);
    return NULL;
}

static void init_recursive(pthread_mutex_t *m)
{
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(m, &attr);
    pthread_mutexattr_destroy(&attr);
}

int main(void)
{
    pthread_t t[2];
    init_recursive(&log_lock);
    init_recursive(&stats_lock);
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, worker, NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return 0;
}
