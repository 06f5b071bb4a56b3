// `lock_table` turns the lock's status into 0 or -1; `table_append` checks it, then calls
// `table_reserve`, which takes the table lock itself: the thread waits for itself.
#include <pthread.h>
#include <stdlib.h>

struct table {
    pthread_mutex_t lock;
    long *vals;
    size_t len, cap;
};

static struct table tbl = {.lock = PTHREAD_MUTEX_INITIALIZER};

static int lock_table(struct table *t)
{
    return pthread_mutex_lock(&t->lock) == 0 ? 0 : -1;
}

static void unlock_table(struct table *t)
{
    pthread_mutex_unlock(&t->lock);
}

static int table_reserve(struct table *t, size_t want)
{
    int rc = 0;
    pthread_mutex_lock(&t->lock);
    if (want > t->cap) {
        long *nv = realloc(t->vals, want * 2 * sizeof *nv);
        if (nv) {
            t->vals = nv;
            t->cap = want * 2;
        } else
            rc = -1;
    }
    pthread_mutex_unlock(&t->lock);
    return rc;
}

static int table_append(struct table *t, long v)
{
    if (lock_table(t) != 0)
        return -1;
    if (t->len == t->cap && table_reserve(t, t->len + 1) != 0) { //~ ERROR double-lock
        unlock_table(t);
        return -1;
    }
    t->vals[t->len++] = v;
    unlock_table(t);
    return 0;
}

static void *run(void *arg)
{
    for (long i = 0; i < 100; i++)
        table_append(&tbl, i);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, run, NULL);
    run(NULL);
    pthread_join(t, NULL);
    return 0;
}
