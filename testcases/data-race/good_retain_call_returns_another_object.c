// `conn_dup` returns a new connection, not the one it is given: each sender gets its own, so its
// plain reference count is its own too.
#include <pthread.h>
#include <stdlib.h>

struct conn {
    int fd;
    int refs;
};

static struct conn *conn_dup(struct conn *c)
{
    struct conn *d = malloc(sizeof *d);
    if (d) {
        d->fd = c->fd;
        d->refs = 1;
    }
    return d;
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
    struct conn proto = {3, 1};
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, sender, conn_dup(&proto));
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    return 0;
}
