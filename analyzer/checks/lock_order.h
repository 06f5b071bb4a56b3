/* lock_order.h - the parts of lock-order (FL0104) in files of their own. */
#ifndef FL_LOCK_ORDER_H
#define FL_LOCK_ORDER_H

#include "../facts/locks.h"
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

/* A thread function's order on the locks two pointer fields of its argument point to (`lock(
   a->first); lock(a->second);`), or hold at one path (`rest`, ".lock" for `lock(&a->src->lock);
   lock(&a->dst->lock);`, else ""): the fields, the two acquires and how the function names the
   locks; gated when another lock is held around both (lock_order.c). */
typedef struct lo_arg_order {
    const char *f1, *f2;
    const char *rest;
    const lock_site *held, *taken;
    const char *held_name, *taken_name;
    bool gated;
} lo_arg_order;
uint32_t lo_arg_orders(fl_arena *A, const lock_fn *lf, const ast_var *param, lo_arg_order *out, uint32_t max);

/* The value of the one assignment `v.field = value;` in g (ix NULL), or `v[ix].field = value;`,
   with *count the number of such assignments; NULL unless there is exactly one. */
const ast_node *lo_field_store(const cfg *g, const ast_var *v, const ast_var *ix, const char *field, uint32_t *count);

/* A spawn of a thread function the unit defines that passes `&obj`: the function, and obj (as
   written, parentheses off); NULL for anything else. */
const ast_func *lo_spawn_of(check_ctx *ctx, const ast_node *n, const ast_node **obj);

/* The ring shape: the dining philosophers (lock_order_ring.c); *threads is built when needed. */
void lock_order_rings(check_ctx *ctx, lo_threads **threads);

#endif
