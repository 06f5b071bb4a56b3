// Every call of the helper, main's while the worker runs included, passes a non-zero `shared`:
// the helper holds the lock at its update wherever it runs.
#include <pthread.h>
#include <stddef.h>

static pthread_mutex_t log_mu = PTHREAD_MUTEX_INITIALIZER;
static long lines;

static void log_line(int shared)
{
    if (shared)
        pthread_mutex_lock(&log_mu);
    lines++;
    if (shared)
        pthread_mutex_unlock(&log_mu);
}

static void *worker(void *arg)
{
    (void)arg;
    log_line(1);
    return NULL;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    log_line(1);
    pthread_join(t, NULL);
    return (int)lines;
}
