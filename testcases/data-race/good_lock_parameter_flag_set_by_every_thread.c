// A helper that locks only when its caller says the data is shared: every thread that calls
// it passes a non-zero `shared`.
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

static void *reader(void *arg) { (void)arg; log_line(1); return NULL; }
static void *writer(void *arg) { (void)arg; log_line(1); return NULL; }

int main(void)
{
    pthread_t r, w;
    log_line(0); /* before any thread */
    pthread_create(&r, NULL, reader, NULL);
    pthread_create(&w, NULL, writer, NULL);
    pthread_join(r, NULL);
    pthread_join(w, NULL);
    return (int)lines;
}
