/* unit.h - the facts of one translation unit: what the checks read, built once per unit.
 *
 * fx_unit_build computes, in this order (each step reads only the ones before it):
 *
 *   0. imports: for every function the unit calls but does not define (and that has external
 *      linkage), what the unit that defines it says it does (facts/unitsum.h), asked of the
 *      importer the caller gives (the link step of a whole-program run; none for a unit alone);
 *   1. function summaries (facts/summary.h): spawn and join wrappers, moves and frees of
 *      parameters, bottom-up over the unit's calls, imports merged in;
 *   2. Send/Sync: a memo table, filled as the checks ask (facts/sendsync.h);
 *   3. locks (facts/locks.h): the lock API, per-function locksets and lock helper summaries,
 *      bottom-up, imports merged in; whether the unit uses mutexes that are not plain; and
 *      where it stores function pointers (facts/fnslots.h), filled when a check first asks;
 *   4. running (facts/running.h): per function, which of the threads it starts may still be
 *      running at each point, bottom-up over the unit's calls so that a call to a function that
 *      returns with threads still running counts as starting them (imports merged in);
 *   5. shared memory (facts/access.h): each function's accesses to memory other threads may
 *      reach, its calls and the threads it starts, with the locks held and the threads it may
 *      have running at each; facts/program.h puts the units of a program together. Nothing the
 *      unit exports depends on it, so it is built once the imports have settled, by
 *      fx_unit_build_shared, rather than in every round.
 *
 * fx_unit_export then gives the unit's own summary for the other units.
 *
 * The checks receive the result read-only (check_ctx.fx). Facts live in an arena of their own,
 * apart from the syntax tree, so that a unit's facts can be rebuilt when what it imports
 * changes; no fact is written into the tree and none is kept in a static variable.
 */
#ifndef FL_UNIT_H
#define FL_UNIT_H

#include <stdbool.h>

#include "../base/arena.h"
#include "../base/srcmap.h"
#include "../frontend/ast.h"
#include "../ir/cfg.h"
#include "access.h"
#include "fnslots.h"
#include "locks.h"
#include "running.h"
#include "sendsync.h"
#include "summary.h"
#include "unitsum.h"

/* Where a unit's imports come from: lookup returns the summary of the function of that name as
   defined by another unit, or NULL when no other unit defines it. The result must stay valid
   while the unit's facts are built (they copy what they keep). */
typedef struct fx_importer {
    const us_fn *(*lookup)(void *ctx, const char *name);
    void *ctx;
} fx_importer;

/* One name the unit looked up, and what it got (hash 0: nothing). */
typedef struct fx_import {
    const char *name;
    uint64_t hash;
} fx_import;

typedef struct fx_unit {
    ast_tu *tu;
    fl_arena *arena;       /* owns every fact of the unit (and the checks' scratch space) */
    cfg *const *cfgs;      /* cfgs[i] is the CFG of tu->funcs[i], NULL for functions not analyzed */
    fl_word **stable;      /* the globals nothing each function calls changes (facts/gstable.h) */
    fl_srcmap *sm;         /* the run's source map (for the text of global initializers) */
    const char *file;      /* display path of the unit's main file */
    fx_import *imports;    /* the names looked up, in callee order */
    uint32_t nimports;
    bool *defined_elsewhere; /* per callee index: another unit defines it (a body exists) */
    sum_table sums;        /* what a call to each callee does: spawns, joins, moves */
    ss_table *traits;      /* Send/Sync answers, decided on demand and memoized */
    lock_unit *locks;      /* locksets and lock summaries; NULL when no check reads them */
    fn_slots *slots;       /* where the unit stores functions, filled on first use (with locks) */
    run_fn **running;      /* per tu->funcs index: the threads it starts that may still run, or NULL */
    bool *starts;          /* per callee index: a call may return with threads it started running */
    acc_unit *shared;      /* shared-memory facts for the program checks; NULL when not needed */
} fx_unit;

/* What the enabled checks need beyond summaries and Send/Sync. */
enum {
    FX_NEED_LOCKS = 1 << 0,
    FX_NEED_RUNNING = 1 << 2,
    FX_NEED_PROGRAM = 1 << 3 | 1 << 2, /* the unit's accesses, and the program checks run */
};

/* Build the facts of `tu` (cfgs[i] for tu->funcs[i]) in the documented order. `needs` is a set
   of FX_NEED_*; `imp` may be NULL (the unit alone). Free with fx_unit_free. */
fx_unit *fx_unit_build(ast_tu *tu, cfg *const *cfgs, fl_srcmap *sm, unsigned needs, const fx_importer *imp);
void fx_unit_free(fx_unit *fx);
/* Step 5 (when FX_NEED_PROGRAM was asked for, i.e. running threads were built). */
void fx_unit_build_shared(fx_unit *fx);

/* True when a name the unit imported now has another summary (or none, or one where it had
   none): its facts are out of date. */
bool fx_unit_imports_changed(const fx_unit *fx, const fx_importer *imp);

/* The unit's summary for the other units: its functions with external linkage (file: the display
   path of the unit's main file). The caller owns it (us_free). */
us_unit *fx_unit_export(const fx_unit *fx, const char *file);

#endif
