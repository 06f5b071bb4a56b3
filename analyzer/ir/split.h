/* split.h - a variable that decides several branches of a function and keeps its value there.
 *
 *     if (need) pthread_mutex_lock(&m);
 *     ...
 *     if (need) n++;
 *     ...
 *     if (need) pthread_mutex_unlock(&m);
 *
 * A may dataflow joins the two arms of `if (need)`, and then follows paths that take it one
 * way and the next test of `need` the other, which cannot happen: the lockset at `n++` is
 * "held on some path, not on another". Solving the problem once with `need` non-zero and once
 * with it zero, following at each test of `need` only the edge that value takes, and joining
 * the two results block by block, keeps exactly the paths that can run. The two results are
 * also kept, for the checks that ask what happens under one value (`if (have) lock(&m);
 * unlock(&m);` unlocks a lock that was never taken when `have` is zero).
 *
 * The variable: a parameter or local whose address is never taken, assigned only by its
 * declaration (so nothing in the function changes it), or tested twice or more and written only
 * before its first test (no write of it is reachable from a test: `long ext = 0; if (n > 1) ext
 * = find(); if (ext) spawn(); ... if (ext) join();`); tested directly (`if (v)`, `if (!v)`,
 * `v == 0`, `v != NULL`) by a branch that decides whether a block of interest to the caller
 * runs (the block is on one arm of the branch: reached from it through blocks of one
 * predecessor each). With one test only, the join is the plain solution, and the two results
 * still say what each value does. One variable per function: the first in reverse post-order
 * that is tested twice or more, else the first: two solves instead of one, for the functions
 * that have one. A global whose value nothing in the function or its calls changes may be
 * the variable too, when the caller knows which are (facts/gstable.h). A caller that asks
 * for two gets a second variable tested twice or more too, when there is one: four solves.
 */
#ifndef FL_SPLIT_H
#define FL_SPLIT_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/bitset.h"
#include "cfg.h"
#include "dataflow.h"

typedef struct cfg_split {
    const ast_var *var;
    uint32_t test_block;  /* the branch that decides a block of interest (for messages) */
    uint8_t *dead[2];     /* per block, the successors not followed when var is non-zero [0] / zero [1] */
    /* A second variable, when asked for and there is one tested twice too (`if (a && b)
       spawn(); ... if (a) { if (b) join(); }`), NULL otherwise; dead4[k]: the successors not
       followed when var is non-zero unless k & 1, and var2 non-zero unless k & 2. */
    const ast_var *var2;
    uint8_t *dead4[4];
} cfg_split;

/* Find the variable to split on, given the blocks of interest (`interesting[b]`). False when
   there is none. Linear in the size of the CFG. `stable` (may be NULL): a bitset over the
   unit's globals (ast_tu.globals, nstable of them), bit set for a global that neither the
   function nor anything it calls writes (facts/gstable.h): it may be split on too
   (`if (use_sideband) start(&mux); ... if (use_sideband) finish(&mux);`). */
bool cfg_split_find(fl_arena *A, const cfg *g, const bool *interesting, const fl_word *stable, uint32_t nstable,
                    bool two, cfg_split *out);

/* Solve the union problem p under each value of sp->var and join the results. runs[0] (var
   non-zero) and runs[1] (var zero) receive the two results when runs is not NULL; a block a
   value cannot reach is not reached in its result. Without runs, and with a second variable,
   under each of the four pairs of values. */
df_result *df_run_split(fl_arena *A, const cfg *g, const df_problem *p, const cfg_split *sp, df_result *runs[2]);

#endif
