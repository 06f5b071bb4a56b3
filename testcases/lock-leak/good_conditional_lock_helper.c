// Returns true with the table locked, false (unlocked) when the table is closed: the callers
// test the result.
#include <pthread.h>
#include <stdbool.h>

struct conn_table {
    pthread_mutex_t mu;
    bool closed;
    int used;
};

bool table_lock_open(struct conn_table *t)
{
    pthread_mutex_lock(&t->mu);
    if (t->closed) {
        pthread_mutex_unlock(&t->mu);
        return false;
    }
    return true;
}
