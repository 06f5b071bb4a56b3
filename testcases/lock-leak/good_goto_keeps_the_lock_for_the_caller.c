// A lock-or-report helper written with one return: it jumps to `out` with the table locked and
// `held = 1`, the value that tells its caller to unlock. Only an error-like value (negative, NULL)
// set before the jump says the path failed; this one is a status, so fearless stays silent.
#include <pthread.h>

struct table {
    pthread_mutex_t mu;
    int busy;
    int entries;
};

int table_lock_if_busy(struct table *t)
{
    int held = 0;

    pthread_mutex_lock(&t->mu);
    if (t->busy) {
        held = 1;
        goto out;
    }
    t->entries = 0;
    pthread_mutex_unlock(&t->mu);
out:
    return held;
}

void table_drain(struct table *t)
{
    if (table_lock_if_busy(t)) {
        t->busy = 0;
        pthread_mutex_unlock(&t->mu);
    }
}
