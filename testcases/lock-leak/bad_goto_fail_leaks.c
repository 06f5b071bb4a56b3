// goto-based error handling whose failure label forgets the unlock.
#include <pthread.h>
#include <stdlib.h>

struct conn_table {
    pthread_mutex_t mu;
    int *fds;
    int used, cap;
};

int table_insert(struct conn_table *t, int fd)
{
    pthread_mutex_lock(&t->mu);
    if (t->used == t->cap) {
        int *bigger = realloc(t->fds, 2 * (size_t)t->cap * sizeof *bigger);
        if (!bigger)
            goto fail;
        t->fds = bigger;
        t->cap *= 2;
    }
    t->fds[t->used++] = fd;
    pthread_mutex_unlock(&t->mu);
    return 0;
fail:
    return -1; //~ ERROR lock-leak
}
