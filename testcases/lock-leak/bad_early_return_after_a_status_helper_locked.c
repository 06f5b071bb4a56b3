// `lock_table` returns 0 with the table locked, or an error without locking (the status of
// pthread_mutex_lock, negated). `table_remove` keeps that status in `rc`, returns it when
// locking failed, then returns -ENOENT with the table still locked.
#include <errno.h>
#include <pthread.h>

struct table {
    pthread_mutex_t lock;
    int ready;
    int n;
    int ids[16];
};

static struct table users = {.lock = PTHREAD_MUTEX_INITIALIZER, .ready = 1};

static int lock_table(struct table *t)
{
    if (!t->ready)
        return -EINVAL;
    return -pthread_mutex_lock(&t->lock);
}

static void unlock_table(struct table *t)
{
    pthread_mutex_unlock(&t->lock);
}

static int table_remove(struct table *t, int id)
{
    int rc = lock_table(t);
    if (rc != 0)
        return rc;
    int i = 0;
    while (i < t->n && t->ids[i] != id)
        i++;
    if (i == t->n)
        return -ENOENT; //~ ERROR lock-leak
    t->ids[i] = t->ids[--t->n];
    unlock_table(t);
    return 0;
}

static void *run(void *arg)
{
    table_remove(&users, 1);
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
