// Workers close a client with `async` 1: close_client() then queues it under the lock and never
// reaches free_now(), which only main calls (with `async` 0). The constant a call passes for a
// parameter the callee never changes decides that callee's tests of it.
#include <pthread.h>

struct client { int fd; };

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct client *to_close[16];
static int nclose;
static int nfreed;

static void free_now(struct client *c)
{
    c->fd = -1;
    nfreed++;
}

static void close_client(struct client *c, int async)
{
    if (async) {
        pthread_mutex_lock(&mu);
        if (nclose < 16)
            to_close[nclose++] = c;
        pthread_mutex_unlock(&mu);
    } else {
        free_now(c);
    }
}

static void *worker(void *arg)
{
    close_client(arg, 1);
    return NULL;
}

int main(void)
{
    static struct client c[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, worker, &c[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < nclose; i++)
        close_client(to_close[i], 0);
    return nfreed;
}
