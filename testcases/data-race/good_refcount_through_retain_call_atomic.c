// The same hand-off through `conn_retain(c)`, with the reference count changed atomically:
// the senders share the connection and no plain access races.
#include <pthread.h>
#include <stdlib.h>

struct conn {
    int fd;
    _Atomic int refs;
};

static struct conn *conn_retain(struct conn *c)
{
    c->refs++;
    return c;
}

static void conn_release(struct conn *c)
{
    if (--c->refs == 0)
        free(c);
}

static void *sender(void *arg)
{
    struct conn *c = arg;
    long sum = c->fd;
    conn_release(c);
    return (void *)sum;
}

int main(void)
{
    pthread_t t[4];
    struct conn *c = malloc(sizeof *c);
    if (!c)
        return 1;
    c->fd = 3;
    c->refs = 1;
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, sender, conn_retain(c));
    conn_release(c);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
