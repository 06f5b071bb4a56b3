// log_begin (FL_ACQUIRE in the header) takes the logger's lock; the order against the
// connection table's lock differs between the two functions.
#include <pthread.h>
#include "include/logger.h"

struct conn_table {
    pthread_mutex_t mu;
    int used;
};

void table_dump(struct conn_table *t, struct logger *lg)
{
    pthread_mutex_lock(&t->mu);
    log_begin(lg);
    log_line(lg, "table");
    log_end(lg);
    pthread_mutex_unlock(&t->mu);
}

void log_table_size(struct logger *lg, struct conn_table *t)
{
    log_begin(lg);
    pthread_mutex_lock(&t->mu); //~ ERROR lock-order
    lg->lines += t->used;
    pthread_mutex_unlock(&t->mu);
    log_end(lg);
}
