// Each sender gets the connection through `conn_retain(c)`, which returns the pointer it is
// given: every sender shares main's connection, and drops its reference with a plain `--`
// that another sender may run at the same time.
#include <pthread.h>
#include <stdlib.h>

struct conn {
    int fd;
    int refs;
};

static struct conn *conn_retain(struct conn *c)
{
    c->refs++;
    return c;
}

static void conn_release(struct conn *c)
{
    if (--c->refs == 0) //~ ERROR data-race
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
