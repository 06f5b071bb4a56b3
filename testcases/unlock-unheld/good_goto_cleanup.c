// One unlock at the cleanup label, reached from every path.
#include <pthread.h>
#include <stdlib.h>

struct conn_table {
    pthread_mutex_t mu;
    int *fds;
    int used, cap;
};

int table_insert(struct conn_table *t, int fd)
{
    int rc = -1;
    pthread_mutex_lock(&t->mu);
    if (t->used == t->cap) {
        int *bigger = realloc(t->fds, 2 * (size_t)t->cap * sizeof *bigger);
        if (!bigger)
            goto out;
        t->fds = bigger;
        t->cap *= 2;
    }
    t->fds[t->used++] = fd;
    rc = 0;
out:
    pthread_mutex_unlock(&t->mu);
    return rc;
}
