// Testing the status of a lock does not make locking it twice safe: the second call never returns.
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t table_mu = PTHREAD_MUTEX_INITIALIZER;
static int table_rows;

int table_add(void)
{
    int err = pthread_mutex_lock(&table_mu);
    if (err != 0)
        return err;
    table_rows++;
    err = pthread_mutex_lock(&table_mu); //~ ERROR double-lock
    if (err != 0)
        return err;
    table_rows++;
    pthread_mutex_unlock(&table_mu);
    return 0;
}
