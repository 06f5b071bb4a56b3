/* unit.h - the facts of one translation unit: what the checks read, built once per unit.
 *
 * fx_unit_build computes, in this order (each step reads only the ones before it):
 *
 *   1. function summaries (facts/summary.h): spawn and join wrappers, moves and frees of
 *      parameters, bottom-up over the unit's calls;
 *   2. Send/Sync: a memo table, filled as the checks ask (facts/sendsync.h);
 *   3. locks (facts/locks.h): the lock API, per-function locksets and lock helper summaries,
 *      bottom-up; and whether the unit uses mutexes that are not plain;
 *   4. threads (facts/access.h): spawn sites, thread entries, the spawning side, the calls
 *      between the unit's functions (function pointers resolved) and what each thread runs.
 *
 * The checks receive the result read-only (check_ctx.fx). Nothing here outlives the unit: every
 * table lives in the unit's arena, and no fact is kept in a static variable.
 */
#ifndef FL_UNIT_H
#define FL_UNIT_H

#include <stdbool.h>

#include "../base/arena.h"
#include "../base/srcmap.h"
#include "../frontend/ast.h"
#include "../ir/cfg.h"
#include "access.h"
#include "locks.h"
#include "sendsync.h"
#include "summary.h"

typedef struct fx_unit {
    ast_tu *tu;
    fl_arena *arena;       /* the unit's arena: every fact lives in it */
    cfg *const *cfgs;      /* cfgs[i] is the CFG of tu->funcs[i], NULL for functions not analyzed */
    fl_srcmap *sm;         /* the run's source map (for the text of global initializers) */
    sum_table sums;        /* what a call to each callee does: spawns, joins, moves */
    ss_table *traits;      /* Send/Sync answers, decided on demand and memoized */
    lock_unit *locks;      /* locksets and lock summaries; NULL when no check reads them */
    acc_threads *threads;  /* NULL when the unit starts no thread */
} fx_unit;

/* What the enabled checks need beyond summaries and Send/Sync. */
enum {
    FX_NEED_LOCKS = 1 << 0,
    FX_NEED_THREADS = 1 << 1,
};

/* Build the facts of `tu` (cfgs[i] for tu->funcs[i]) in the documented order, allocating in
   tu->arena. `needs` is a set of FX_NEED_*. */
fx_unit *fx_unit_build(ast_tu *tu, cfg *const *cfgs, fl_srcmap *sm, unsigned needs);

#endif
