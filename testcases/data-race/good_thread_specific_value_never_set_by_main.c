// `log_remote` goes on only when the running thread has set its connection (`conn_key`); the
// worker sets it, main never does: main's calls of `log_remote` stop at the test, and its
// update of `sent` is the worker's alone.
#include <pthread.h>
#include <stddef.h>

static pthread_key_t conn_key;
static long sent;

static void log_remote(const char *msg)
{
    void *conn = pthread_getspecific(conn_key);
    if (!conn)
        return;
    (void)msg;
    sent++;
}

static void *worker(void *arg)
{
    pthread_setspecific(conn_key, arg);
    log_remote("worker");
    return NULL;
}

int main(void)
{
    static int connection;
    pthread_t t;
    pthread_key_create(&conn_key, NULL);
    pthread_create(&t, NULL, worker, &connection);
    log_remote("main");
    pthread_join(t, NULL);
    return 0;
}
