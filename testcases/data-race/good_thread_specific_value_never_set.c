// The network output path runs only in threads that set their connection as a thread-specific
// value: `if (!out) return -1;` stops the clock threads, which never set it, before they touch
// the send counter (fio's fio_server_text_output and its clock thread). Only one job thread
// sets it and gets through.
#include <pthread.h>
#include <stdlib.h>

struct conn { int fd; };
static pthread_key_t conn_key;
static unsigned long sent;

static int text_output(void)
{
    struct conn *out = pthread_getspecific(conn_key);
    if (!out || out->fd < 0)
        return -1;
    sent++;
    return 0;
}

static void *clock_thread(void *arg)
{
    (void)arg;
    text_output();
    return NULL;
}

static void *job_thread(void *arg)
{
    pthread_setspecific(conn_key, arg);
    text_output();
    return NULL;
}

int main(void)
{
    static struct conn c = {3};
    pthread_t clocks[2], job;
    pthread_key_create(&conn_key, NULL);
    for (int i = 0; i < 2; i++)
        pthread_create(&clocks[i], NULL, clock_thread, NULL);
    pthread_create(&job, NULL, job_thread, &c);
    for (int i = 0; i < 2; i++)
        pthread_join(clocks[i], NULL);
    pthread_join(job, NULL);
    return (int)sent;
}
