/* running.h - which of the threads a function starts may still be running at each point of it.
 *
 * One analysis for every check that asks "is the thread started there still running here"
 * (thread-borrow: when a borrowed object dies; data-race: when the spawner touches shared data;
 * not-sync: when the spawner uses the object it lent). Per function, a forward may-dataflow
 * with two bits per spawn site s of the function (the thread API itself, or a spawn wrapper):
 *
 * A call to a function that starts threads and returns while they may still run (a `start()`
 * whose thread handles live in a global, to be joined by a later `stop()`) counts as a spawn
 * site too, a "starter" whose handle is out of sight: whatever threads it started, they may run
 * after it returns until a join or a call that may join reaches them.
 *
 *   R(s)  the thread started at s may be running. Set by the spawn; cleared by
 *          - a join (the API or a join wrapper) whose handle may name s's handle; a join of a
 *            handle that cannot be named may be any thread's, and clears every bit (silence);
 *          - the branch on which s's status says it failed (a test of the call itself, or of a
 *            variable that received its status), and the branch on which a counter of started
 *            threads is zero (`if (create(...) != 0) break; p->nthreads++;` ... `if
 *            (p->nthreads == 0)`: every write of it an increment that begins s's success side,
 *            or a store before any spawn);
 *          - leaving a loop that joins `t[i]`, or `t->thread` with `t = &threads[i]`: the "join
 *            them all in a loop" idiom joins all of them (a join through a pointer may end a
 *            spawn whose handle is the same field reached through another pointer);
 *          - a call that may join it out of sight: a function that joins threads (or whose
 *            body is nowhere to be seen), when the handle is where that function can reach it
 *            (a global or static, memory reached through a pointer, or passed to the call).
 *            Library functions known not to join (printf, pthread_setname_np...) never do, nor
 *            any function of a system header (sleep, read: they cannot reach the program's
 *            handles).
 *          A detached thread (pthread_detach, or a wrapper that detaches) is never joined; a
 *          thread whose handle a wrapper hid (stored out of sight) is joined by any call or
 *          join that may reach it.
 *   A(s)  s's argument still names what was passed: the root variable of the argument (`p`, or
 *          `x` of `&x`) has not been assigned (pointers) or left its scope since the spawn.
 *
 * Cost: one pass over the CFG's elements to find the events (spawns, joins, calls, stores to
 * argument roots), then the dataflow over the events only: O(elements + events x spawns).
 */
#ifndef FL_RUNNING_H
#define FL_RUNNING_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/bitset.h"
#include "../ir/cfg.h"
#include "../ir/dataflow.h"
#include "../ir/place.h"
#include "threads.h"

typedef struct run_spawn {
    ast_node *call;
    thr_call tc;         /* THR_NONE for a starter */
    bool starter;        /* a call to a function that starts threads outliving it, not a spawn */
    uint32_t block, elem;
    place handle;        /* where its handle is stored; root NULL: cannot be named */
    bool handle_global;  /* any call that joins threads may reach the handle */
    bool unjoinable;     /* a wrapper detached it or hid its handle: no handle to join here */
    ast_var *arg_root;   /* the variable its argument is rooted in (`p`, `x` of `&x.f`), or NULL */
    bool arg_through_ptr;/* the argument is that variable's value (`p`), not its address */
} run_spawn;

typedef struct run_join {
    ast_node *call;
    thr_kind kind;       /* THR_JOIN or THR_DETACH */
    place handle;
    ast_node *loop;      /* a join of `t[i]` in a loop: leaving the loop joins all of t */
    uint32_t block, elem;
} run_join;

typedef struct run_fn {
    const cfg *g;
    run_spawn *spawns;   /* in CFG block order, then element order */
    uint32_t nspawns;
    run_join *joins;
    uint32_t njoins;
    uint32_t nwords;     /* words of a state: bit 2s is R(s), bit 2s+1 is A(s) */
    df_result *df;
} run_fn;

/* What the analysis knows of callees (each per callee index): which may join a thread (a
   function with a body somewhere whose summary says it joins none cannot: defined_elsewhere
   tells which the unit does not define but another does), and which start threads that may
   outlive the call (`starts`; may be NULL). */
typedef struct run_ctx {
    const sum_table *sums;
    const bool *defined_elsewhere;
    const bool *starts;
    /* Per tu->funcs index (nfuncs of them; the array may be NULL): the unit's globals (nstable)
       that nothing the function does or calls changes (facts/gstable.h). */
    fl_word *const *stable;
    uint32_t nfuncs, nstable;
} run_ctx;

/* The analysis of one function, NULL when it starts no thread. Allocated in `A`. */
run_fn *run_analyze(fl_arena *A, const run_ctx *rc, const cfg *g);

/* The blocks that begin a branch on which a spawn's status says it failed (at most max). */
uint32_t run_failure_branches(const run_fn *rf, uint32_t *out, uint32_t max);
/* The same branches as edges: block[i]'s successor number succ[i] (at most max). */
uint32_t run_failure_edges(const run_fn *rf, uint32_t *block, uint32_t *succ, uint32_t max);

/* True when a thread started in the function may still be running when it returns. */
bool run_escapes(const run_fn *rf);

static inline uint32_t run_bit_r(uint32_t s) { return 2 * s; }
static inline uint32_t run_bit_a(uint32_t s) { return 2 * s + 1; }

/* Replaying a block in element order: run_replay_start copies the state on entry of `block`
   into st (rf->nwords words); run_replay_to(c, i, st) then brings st to the state right before
   element i (i increasing; nelems for the end of the block). */
typedef struct run_replay {
    const run_fn *rf;
    uint32_t next, end; /* the block's events not applied yet */
} run_replay;
void run_replay_start(const run_fn *rf, uint32_t block, fl_word *st, run_replay *c);
void run_replay_to(run_replay *c, uint32_t elem, fl_word *st);

/* The spawn started by this call, or -1. */
int32_t run_spawn_of(const run_fn *rf, const ast_node *call);

#endif
