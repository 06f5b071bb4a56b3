// A write under the read side of the rwlock: other readers run at the same time.
#include "include/table.h"

void table_grow(struct table *t)
{
    pthread_rwlock_rdlock(&t->rw);
    t->n++; //~ ERROR unguarded-access
    pthread_rwlock_unlock(&t->rw);
}
