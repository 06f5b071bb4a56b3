// conn_put releases the connection's lock (a release helper); the caller unlocks it again.
#include <pthread.h>

struct conn {
    pthread_mutex_t mu;
    int refs;
    int fd;
};

static void conn_put(struct conn *c)
{
    c->refs--;
    pthread_mutex_unlock(&c->mu);
}

void conn_close(struct conn *c)
{
    pthread_mutex_lock(&c->mu);
    c->fd = -1;
    conn_put(c);
    pthread_mutex_unlock(&c->mu); //~ ERROR unlock-unheld
}
