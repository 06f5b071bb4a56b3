/* table.h - a lookup table behind a reader-writer lock, Abseil-style clang macros. */
#ifndef TABLE_H
#define TABLE_H
#include <pthread.h>
#include "thread_annotations.h"

struct table {
    pthread_rwlock_t rw;
    int n TS_GUARDED_BY(rw);
    int *slots TS_PT_GUARDED_BY(rw);
};

int table_peek(struct table *t, int i) TS_REQUIRES_SHARED(t->rw);
void table_put(struct table *t, int i, int v) TS_REQUIRES(t->rw);
#endif
