// Every writer thread calls get_logger(), whose pthread_once routine starts the flusher: the
// routine runs once per program, so there is one flusher, however many writers pass through.
// Its static copy buffer is written by that one thread only.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char buf[1024];
    size_t len;
    pthread_t flusher;
} g_log = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, {0}, 0, 0};
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void *flusher_main(void *arg)
{
    static char local[1024];
    (void)arg;
    pthread_mutex_lock(&g_log.mu);
    for (;;) {
        while (g_log.len == 0)
            pthread_cond_wait(&g_log.cv, &g_log.mu);
        size_t n = g_log.len;
        memcpy(local, g_log.buf, n);
        g_log.len = 0;
        pthread_mutex_unlock(&g_log.mu);
        fwrite(local, 1, n, stdout);
        pthread_mutex_lock(&g_log.mu);
    }
    return NULL;
}

static void start_flusher(void)
{
    pthread_create(&g_log.flusher, NULL, flusher_main, NULL);
}

static void log_line(const char *msg)
{
    pthread_once(&g_once, start_flusher);
    size_t n = strlen(msg);
    pthread_mutex_lock(&g_log.mu);
    if (g_log.len + n <= sizeof g_log.buf) {
        memcpy(g_log.buf + g_log.len, msg, n);
        g_log.len += n;
        pthread_cond_signal(&g_log.cv);
    }
    pthread_mutex_unlock(&g_log.mu);
}

static void *writer(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10; i++)
        log_line("tick\n");
    return NULL;
}

int main(void)
{
    pthread_t w[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&w[i], NULL, writer, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(w[i], NULL);
    return 0;
}
