/* lock_order.h - the parts of lock-order (FL0104) in files of their own. */
#ifndef FL_LOCK_ORDER_H
#define FL_LOCK_ORDER_H

#include "registry.h"

typedef struct lo_threads lo_threads;

/* The join shape: a thread joined while a lock it takes is held (lock_order_join.c). */
void lock_order_joins(check_ctx *ctx);

/* Whether two functions' lock orders can run in two threads at once (lock_order_threads.c). */
lo_threads *lo_threads_build(check_ctx *ctx);
bool lo_threads_may_overlap(check_ctx *ctx, const lo_threads *t, const ast_func *a, const ast_func *b);

/* The ring shape: the dining philosophers (lock_order_ring.c); *threads is built when needed. */
void lock_order_rings(check_ctx *ctx, lo_threads **threads);

#endif
