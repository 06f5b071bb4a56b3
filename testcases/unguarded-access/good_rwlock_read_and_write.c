// Reads under the read side, writes under the write side.
#include "include/table.h"

int table_size(struct table *t)
{
    pthread_rwlock_rdlock(&t->rw);
    int n = t->n;
    int first = n ? t->slots[0] : 0;
    pthread_rwlock_unlock(&t->rw);
    return n + first;
}

void table_grow(struct table *t)
{
    pthread_rwlock_wrlock(&t->rw);
    t->n++;
    t->slots[0] = t->n;
    pthread_rwlock_unlock(&t->rw);
}
