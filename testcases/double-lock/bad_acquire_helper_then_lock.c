// A connection table with a lock helper: the caller takes the helper's lock and then locks the
// same mutex directly.
#include <pthread.h>
#include <stddef.h>

struct conn_table {
    pthread_mutex_t mu;
    size_t used;
    int fds[64];
};

static void table_lock(struct conn_table *t)
{
    pthread_mutex_lock(&t->mu);
}

static void table_unlock(struct conn_table *t)
{
    pthread_mutex_unlock(&t->mu);
}

int table_add(struct conn_table *t, int fd)
{
    table_lock(t);
    if (t->used == 64) {
        table_unlock(t);
        return -1;
    }
    pthread_mutex_lock(&t->mu); //~ ERROR double-lock
    t->fds[t->used++] = fd;
    table_unlock(t);
    return 0;
}
