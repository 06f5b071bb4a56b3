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
/* Whether function f is main, and no thread it started may run at element `elem` of block
   `block` (before its first spawn, or after joining them all): main's own order there waits
   for no other thread. */
bool lo_threads_main_alone_at(check_ctx *ctx, const lo_threads *t, const ast_func *f, uint32_t block, uint32_t elem);

/* The wait shape: a condition waited on with another lock held that every signaller takes
   (lock_order_wait.c). */
void lock_order_waits(check_ctx *ctx);

/* The ring shape: the dining philosophers (lock_order_ring.c); *threads is built when needed. */
void lock_order_rings(check_ctx *ctx, lo_threads **threads);

#endif
