#include <pthread.h>

struct table {
    pthread_mutex_t mu;
    int concurrent;
};

void table_maybe_lock(struct table *t);

void table_put(struct table *t)
{
    table_maybe_lock(t);
    if (t->concurrent)
        pthread_mutex_unlock(&t->mu); /* held exactly when `concurrent`: not an unlock of a free lock */
}

int main(void)
{
    struct table t = {PTHREAD_MUTEX_INITIALIZER, 1};
    table_put(&t);
    return 0;
}
