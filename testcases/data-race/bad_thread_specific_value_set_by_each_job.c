// Each job thread sets its connection as a thread-specific value and gets through the output
// path: two of them bump the send counter at once.
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
    sent++; //~ ERROR data-race
    return 0;
}

static void *job_thread(void *arg)
{
    pthread_setspecific(conn_key, arg);
    text_output();
    return NULL;
}

int main(void)
{
    static struct conn c[2] = {{3}, {4}};
    pthread_t jobs[2];
    pthread_key_create(&conn_key, NULL);
    for (int i = 0; i < 2; i++)
        pthread_create(&jobs[i], NULL, job_thread, &c[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(jobs[i], NULL);
    return (int)sent;
}
