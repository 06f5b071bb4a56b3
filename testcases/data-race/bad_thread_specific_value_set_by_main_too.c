// Main sets its own connection too: both threads pass the test in `log_remote`, and update
// `sent` at once.
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
    sent++; //~ ERROR data-race
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
    pthread_setspecific(conn_key, &connection);
    log_remote("main");
    pthread_join(t, NULL);
    return 0;
}
