/* joined.h - which threads a function has surely ended before each of its calls: the global
 * handles it joined on every path there (`pthread_join(maintenance_tid, NULL)`), and the calls
 * it made on every path there to functions that may join threads (their summaries' joins_any:
 * memcached's stop_threads calls stop_assoc_maintenance_thread, which joins the maintenance
 * thread's global handle, and only then closes the connections whose code the thread shares).
 * facts/program.h resolves the called functions, and what they join on every path, across the
 * program; a thread whose every spawn stores its handle in one global is over after a join of
 * that global. A must dataflow over the function's elements.
 */
#ifndef FL_JOINED_H
#define FL_JOINED_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../ir/cfg.h"
#include "../ir/dataflow.h"
#include "summary.h"

/* One thing done on every path: a join of a global handle, or a call of a joining function. */
typedef struct joined_fact {
    const ast_var *handle;         /* the global handle joined, or NULL */
    const ast_callee *callee;      /* ... else the joining function called */
} joined_fact;

typedef struct joined_fn joined_fn;

/* The joins of fn; NULL when it makes none (no fact ever holds). */
joined_fn *joined_analyze(fl_arena *A, const cfg *g, const sum_table *sums);

/* A walk over one block's elements, in order: the facts holding right before each. */
typedef struct joined_cursor {
    const joined_fn *jf;
    uint32_t block, elem;
    fl_word st[1];          /* joined.c follows at most 64 facts per function */
    bool live;
} joined_cursor;

void joined_cursor_start(joined_cursor *c, const joined_fn *jf, uint32_t block);
/* The facts holding right before element `elem` (not before the last one asked) into out. */
uint32_t joined_cursor_at(joined_cursor *c, uint32_t elem, joined_fact *out, uint32_t max);
/* ... and at the function's return. */
uint32_t joined_at_exit(const joined_fn *jf, joined_fact *out, uint32_t max);

#endif
