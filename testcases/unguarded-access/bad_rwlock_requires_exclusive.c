// table_put needs the write side (REQUIRES); holding the read side is not enough. table_peek
// (REQUIRES_SHARED) is fine under the read side.
#include "include/table.h"

int table_swap(struct table *t, int i, int v)
{
    pthread_rwlock_rdlock(&t->rw);
    int old = table_peek(t, i);
    table_put(t, i, v); //~ ERROR unguarded-access
    pthread_rwlock_unlock(&t->rw);
    return old;
}
