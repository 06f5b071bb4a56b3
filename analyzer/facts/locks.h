/* locks.h - the lock API (pthread mutex/rwlock/spin, C11 mtx, annotated and summarised helpers)
 * and the set of locks held at each point of a function.
 *
 * Three layers:
 *
 *  1. lock_classify: what one call to the lock API does (which lock, acquire/try/release).
 *
 *  2. locks_analyze: per function, the distinct locks it uses (canonical places, ir/place.h)
 *     and a forward dataflow over its CFG giving, before every element, for each lock:
 *       H  held on some path reaching here
 *       U  not held on some path reaching here
 *       E  on some path, still in the state it had on entry (which the caller decides: a
 *          lock reached through a pointer or a global may already be held by the caller)
 *       N  acquired again while held on some path (nested readers, recursive mutexes)
 *     so that must-held is H & !U & !E and must-unheld is U & !H & !E; plus one bit per lock
 *     operation site, "this is the last operation on its lock on some path" (the `first
 *     locked here` of a report). One union problem holds all of it.
 *
 *  3. locks_unit: the analyses of every function of a unit that uses locks, computed
 *     bottom-up over the call graph so that calls to a function that acquires (or releases)
 *     a lock rooted at a parameter or global on every path act as acquires (releases) in
 *     callers, with the place composed from the argument: `stats_lock(&g_stats)` with
 *     summary {param 0, "*.mu"} acquires `g_stats.mu`. Annotations on prototypes
 *     (FL_ACQUIRE/FL_RELEASE, texts "acquire:s->mu") take precedence over computed summaries.
 *
 * Layer 3 is built once per unit by facts/unit.c; the lock checks, data-race and
 * unguarded-access read it there (fx_unit.locks).
 */
#ifndef FL_LOCKS_H
#define FL_LOCKS_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/bitset.h"
#include "../base/srcmap.h"
#include "../frontend/ast.h"
#include "../ir/cfg.h"
#include "../ir/dataflow.h"
#include "../ir/place.h"

typedef enum lock_op {
    LOCK_NONE,
    LOCK_ACQUIRE,        /* blocking exclusive acquire: mutex lock, rwlock wrlock, spin lock, mtx_lock */
    LOCK_ACQUIRE_SHARED, /* blocking rwlock read side */
    LOCK_TRY,            /* trylock/timedlock: acquires only where the status says success */
    LOCK_TRY_SHARED,
    LOCK_RELEASE,
    LOCK_MAYBE,          /* a helper that acquires or releases it on some paths only, as far as
                            its summary can say: afterwards the lock is neither surely held nor
                            surely free */
} lock_op;

/* Whether the value of n, element i of block b, goes nowhere (a statement of its own, or cast
   to void). A try whose status is thrown away so (`pthread_mutex_trylock(&m);`) may have
   failed: nothing after it can count on the lock (lock_site.discarded). */
bool locks_value_discarded(const cfg_block *b, uint32_t i, const ast_node *n);

static inline bool lock_op_acquires(lock_op op) { return op >= LOCK_ACQUIRE && op <= LOCK_TRY_SHARED; }
static inline bool lock_op_blocks(lock_op op) { return op == LOCK_ACQUIRE || op == LOCK_ACQUIRE_SHARED; }
static inline bool lock_op_shared(lock_op op) { return op == LOCK_ACQUIRE_SHARED || op == LOCK_TRY_SHARED; }

typedef struct lock_call {
    lock_op op;
    const char *api;  /* "pthread_mutex_lock" */
    ast_node *lock;   /* the argument that points to the lock (`&s->mu`, `m`) */
    place where;      /* the lock's place (`&s->mu` is {s, "*.mu"}, `m` is {m, "*"}); root NULL: unknown */
    bool success_nonzero; /* a try that returns non-zero when it acquired (a compare-and-swap) */
    bool soft;        /* a hand-made lock (locks_handmade.c): it orders accesses, but the lock
                         checks do not judge how it is taken and given back */
} lock_call;

/* Classify an AST_CALL node against the lock API itself (not helpers), or an AST_CALL or
   atomic AST_OTHER against the operations hand-made locks are built from (locks_handmade.c);
   LOCK_NONE for anything else. The status of every API acquire is 0 on success (C11:
   thrd_success). */
lock_call lock_classify(fl_arena *arena, const ast_node *call);

/* ---- hand-made locks (locks_handmade.c) ----
   A spinlock is a word that an atomic test-and-set, exchange or compare-and-swap takes from 0
   (`while (__sync_lock_test_and_set(&l, 1));`, `atomic_flag_test_and_set`, nginx's
   `ngx_atomic_cmp_set(lock, 0, value)`) and a store of 0 gives back (`__sync_lock_release`,
   `atomic_store(&l, 0)`, `atomic_flag_clear`, or a plain `*lock = 0` where the same function
   takes it). A semaphore built from a mutex and a condition variable (fio's fio_sem) is a
   function that waits while a counter of its argument is 0 and then decrements it (down),
   and one that increments that counter and signals (up). Both are "soft" locks: they order
   the accesses made while held, as a mutex would, and nothing else: a semaphore may be
   given back by another thread, so no lock check reports on them. */
lock_call locks_handmade_classify(fl_arena *arena, const ast_node *n);
/* A plain store of 0 (`*lock = 0`, `l = 0`): the place stored to, else {NULL, NULL}. It gives a
   soft lock back where the same function also takes or gives it with an atomic operation. */
place locks_zero_store(fl_arena *arena, const ast_node *n);

/* The place of the lock an argument points to: `&s->mu` {s, "*.mu"}, `&g` {g, ""}, a pointer
   `m` {m, "*"}; {NULL, NULL} when it cannot be named. */
place lock_place_of_arg(fl_arena *arena, ast_node *arg);

/* ---- helper summaries ---- */

typedef struct lock_effect {
    lock_op op;            /* LOCK_ACQUIRE, LOCK_ACQUIRE_SHARED, LOCK_RELEASE, LOCK_TRY,
                              LOCK_TRY_SHARED (a helper whose result says whether it acquired)
                              or LOCK_MAYBE */
    bool success_nonzero;  /* tries: the helper returns non-zero when it acquired (else zero) */
    int32_t param;         /* the lock is reached from this parameter's value, or -1 */
    ast_var *global;       /* ... or lives in this global or static object (param == -1) */
    const char *path;      /* param: path from the parameter's value ("*.mu"); global: path in it */
    bool soft;             /* a hand-made lock (see locks_handmade_classify) */
    bool tried;            /* held when it returns, but every last operation on it there is a
                              trylock: the caller never waits for it */
    bool waits;            /* tries: the helper takes it with a blocking lock and says by its
                              result whether it kept it (a lookup that returns the entry locked,
                              NULL unlocked): the caller waits for it all the same */
    const ast_node *site;  /* computed summaries: the lock call inside the helper; else NULL */
    /* A helper whose effect one of its parameters decides (`void put(bool held) { if (!held)
       lock(&m); ...; unlock(&m); }`): by_value, and the effect when argument value_param is
       non-zero ([0]) or zero ([1]), LOCK_NONE for none; op applies where the argument is not a
       constant. Unit-local: not written to unit summaries. */
    bool by_value;
    int32_t value_param;
    lock_op op_by_value[2];
} lock_effect;

typedef struct lock_summary {
    lock_effect *effects;
    uint32_t n;
    bool from_annotations;
    /* Classes of locks it returns holding that it reached through a local pointer, which no
       effect can name (`lo = a < b ? a : b; lock(&lo->lock);`): its caller's locks of these
       classes may be taken by it (unit-local). */
    const char **unnamed;
    uint32_t nunnamed;
} lock_summary;

/* Parse one annotation argument ("s->mu", "g_lock", "m", "&c->lock") of a function with these
   parameters (names may be NULL: then a parameter is picked by type, when only one fits) into
   an effect's param/global/path; false when it names nothing we know. */
bool locks_parse_annot_arg(fl_arena *arena, const ast_tu *tu, const char *text, ast_var *const *params,
                           uint32_t nparams, ast_type *const *param_types, lock_effect *out);

/* locks_parse_annot_arg for an annotation of fn's, read in its body: with the definition's
   parameter names, else a prototype's (a header that calls the parameter `st` where the
   definition says `s`), which name the same parameter by its position. */
bool locks_parse_fn_annot_arg(fl_arena *arena, const ast_tu *tu, const char *text, const ast_func *fn,
                              lock_effect *out);

/* A function's own lock contract: a lock its FL_REQUIRES / FL_RELEASE (required: held when it is
   called) or FL_ACQUIRE (it returns holding it) names. */
typedef struct lock_contract {
    place where;
    bool required;
    bool shared;            /* REQUIRES_SHARED: the read side */
} lock_contract;
struct lock_unit;
/* The contract of fn (at most max entries), parsed from its annotations. */
uint32_t locks_fn_contract(const struct lock_unit *u, const ast_func *fn, lock_contract *out, uint32_t max);

/* ---- per-function locksets ---- */

typedef struct lock_info {
    place where;
    const char *name;       /* place_str, for messages */
    const char *cls;        /* identity across functions ("struct account::lock", "@g_lock"), or NULL */
    bool entry_unknown;     /* the caller may hold it on entry: through a pointer, or a global/static */
    bool required;          /* FL_REQUIRES/FL_RELEASE on this function: held on entry */
    bool declared_acquire;  /* FL_ACQUIRE on this function: returning with it held is the contract */
    bool imprecise;         /* an array element with unknown index ("[*]"): two uses may differ */
    bool soft;              /* a hand-made lock: locksets hold it, the lock checks skip it */
    bool renamed;           /* some write of the function may make its place name another object
                               (an LEV_RENAME event: `n = n->next`, a fork) */
} lock_info;

typedef struct lock_site {
    ast_node *call;
    lock_op op;
    uint32_t lock;          /* index in lock_fn.locks */
    const char *api;        /* "pthread_mutex_lock", or the helper's name */
    bool via_helper;        /* from a summary or annotation */
    bool edge_only;         /* the status is tested by a branch: the effect happens on its edges */
    bool maybe;             /* a try whose status goes to a variable or nowhere: "maybe held" at the call */
    bool discarded;         /* ... nowhere (a statement of its own): the code after it cannot count
                               on the lock, which the accesses' locksets take as not held */
    bool success_nonzero;   /* a try helper that returns non-zero when it acquired */
    bool soft;              /* takes or gives back a hand-made lock */
    bool tried;             /* a helper's acquire that its own trylock made (lock_effect.tried) */
    bool waits;             /* a helper's try that waits for the lock (lock_effect.waits) */
    uint32_t block, elem;
} lock_site;

/* The operation waits for the lock: a blocking acquire, not one a helper got by a trylock (a
   back-off loop `lock(a); if (trylock(b) == 0) break; unlock(a);` cannot deadlock on b). */
static inline bool lock_site_blocks(const lock_site *s)
{
    return (lock_op_blocks(s->op) && !s->tried) || s->waits;
}

typedef enum lock_ev_kind {
    LEV_OP,     /* arg: site index; the site's effect at its call (nothing for edge_only sites) */
    LEV_RENAME, /* arg: lock index; its root variable changes: the place may name another object
                   (also at fork(): another process may now hold or release a shared lock) */
} lock_ev_kind;

typedef struct lock_event {
    uint32_t elem;  /* element index in the block */
    uint8_t kind;   /* lock_ev_kind */
    uint32_t arg;
} lock_event;

/* A branch that tests a site's status: succs[0] (true) is success when true_is_success. */
typedef struct lock_test {
    uint32_t site;
    bool true_is_success;
} lock_test;

typedef struct lock_fn {
    const ast_func *fn;
    const cfg *g;
    lock_info *locks;
    uint32_t nlocks;
    lock_site *sites;
    uint32_t nsites;
    lock_event *ev;         /* grouped by block, in element order */
    uint32_t *ev_first;     /* nblocks + 1: events of block b are ev[ev_first[b] .. ev_first[b+1]) */
    lock_test *tests;
    uint32_t *test_first;   /* nblocks + 1 */
    bool *releases_entry;   /* nlocks: some release may drop a lock the caller held */
    /* Site bits are grouped by lock: lock l's sites are site_list[site_first[l] ..
       site_first[l+1]) in source order, and site s's bit is 4 * nlocks + site_rank[s], so that
       the sites of one lock are one range of bits, cleared and searched by words. */
    uint32_t *site_list;
    uint32_t *site_first;   /* nlocks + 1 */
    uint32_t *site_rank;    /* nsites */
    uint32_t nbits, nwords;
    df_result *df;
    /* A parameter or local deciding a lock operation and later branches (ir/split.h), or NULL.
       df is then the join of the solutions under each of its values, so that `if (need)
       lock; ... if (need) n++; ... if (need) unlock;` holds the lock at `n++`; split_view[0]
       (non-zero) and [1] (zero) are the function under one value (the same lock_fn but for
       df), for the lock checks; split_test is a branch that tests it before a lock operation. */
    const ast_var *split_var;
    const struct lock_fn *split_view[2];
    uint32_t split_test;
} lock_fn;

/* State bits. */
static inline uint32_t locks_bit_h(uint32_t l) { return 4 * l; }
static inline uint32_t locks_bit_u(uint32_t l) { return 4 * l + 1; }
static inline uint32_t locks_bit_e(uint32_t l) { return 4 * l + 2; }
/* N: on some path it was acquired while already held (readers, recursive mutexes): the next
   release may leave it held. */
static inline uint32_t locks_bit_n(uint32_t l) { return 4 * l + 3; }
static inline uint32_t locks_bit_site(const lock_fn *lf, uint32_t s) { return 4 * lf->nlocks + lf->site_rank[s]; }

/* The first lock from `from` on that is held on some path in state st (its H bit), else
   lf->nlocks: `for (l = locks_next_h(lf, st, 0); l < lf->nlocks; l = locks_next_h(lf, st, l + 1))`
   visits the locks held in time proportional to them and to a sixteenth of all the locks. */
static inline uint32_t locks_next_h(const lock_fn *lf, const fl_word *st, uint32_t from)
{
    const fl_word hmask = (fl_word)0x1111111111111111ULL;
    for (uint32_t bit = 4 * from, nbits = 4 * lf->nlocks; bit < nbits; bit = (bit / 64 + 1) * 64) {
        fl_word m = st[bit / 64] & hmask & (~(fl_word)0 << (bit % 64));
        if (m) {
            uint32_t l = (bit / 64 * 64 + (uint32_t)__builtin_ctzll(m)) / 4;
            return l < lf->nlocks ? l : lf->nlocks;
        }
    }
    return lf->nlocks;
}

/* Held on every path (and not possibly renamed). */
static inline bool locks_must_held(const fl_word *st, uint32_t l)
{
    return fl_bs_test(st, locks_bit_h(l)) && !fl_bs_test(st, locks_bit_u(l)) && !fl_bs_test(st, locks_bit_e(l));
}
/* Held on some path, or possibly held by the caller. */
static inline bool locks_may_held(const fl_word *st, uint32_t l)
{
    return fl_bs_test(st, locks_bit_h(l)) || fl_bs_test(st, locks_bit_e(l));
}
/* Not held on any path. */
static inline bool locks_must_unheld(const fl_word *st, uint32_t l)
{
    return fl_bs_test(st, locks_bit_u(l)) && !fl_bs_test(st, locks_bit_h(l)) && !fl_bs_test(st, locks_bit_e(l));
}

typedef struct lock_unit lock_unit;

/* How to say the value of lf->split_var that split_view[k] assumes: "true"/"false" for a bool,
   "not NULL"/"NULL" for a pointer, "non-zero"/"zero" otherwise. */
const char *locks_split_value(const lock_fn *lf, int k);

/* Analyze one function (NULL when it performs no lock operation). Calls are classified with
   the summaries `u` already has (locks_unit_build fills them bottom-up).

   Cost: O(E + B * W) for E events, B blocks and W = nwords state words (the dataflow's copies),
   times the solver's passes. Every walk through a block's events (the solver's transfer, the
   replays and cursors below) applies each event once, in O(1) amortized: the first operation on
   a lock in a walk clears that lock's range of site bits by words, and the walk remembers which
   single site bit it set, so that the next operation on the lock clears that bit only. */
lock_fn *locks_analyze(const lock_unit *u, const ast_func *fn, const cfg *g);

/* The index of the lock at place p (place_equal), or lf->nlocks when lf has none: O(log locks). */
uint32_t locks_find(const lock_fn *lf, place p);
/* The lock a pointer argument names (`&m`, `c->lock`), as the functions of g name their locks
   (a local copy of a parameter is the parameter): for locks_find. Root NULL when it names none. */
place locks_place_of_arg(fl_arena *A, const cfg *g, ast_node *arg);
/* The function releases lock l somewhere. */
bool locks_fn_releases(const lock_fn *lf, uint32_t l);
/* The function waits for lock l, exclusively, where it may still be as the caller left it: a
   caller holding it there would deadlock on it, so callers do not hold it when they call (unless
   a flag parameter says which: `if (!held) lock(&m);`; a pointer tested for NULL says nothing of
   the lock). st: scratch of lf->nwords words. */
bool locks_waits_from_entry(const lock_fn *lf, uint32_t l, fl_word *st);
/* The same, or tries to take it there with a trylock of its own: either way the function counts
   on callers not holding it (a trylock of a lock the caller holds fails, and the unlock after it
   would give back the caller's lock). */
bool locks_tries_from_entry(const lock_fn *lf, uint32_t l, fl_word *st);
/* Every release of lock l that may drop the caller's lock is also reached with the lock held by
   the function (a common exit after `goto fail` from before and after the lock), and there is
   one. st: scratch of lf->nwords words. */
bool locks_releases_entry_only_joined(const lock_fn *lf, uint32_t l, fl_word *st);
/* An event of block b before element `before` (UINT32_MAX: any) releases lock l. */
bool locks_block_releases(const lock_fn *lf, uint32_t b, uint32_t l, uint32_t before);
/* An event of block b before element `before` (UINT32_MAX: any) is an operation on lock l. */
bool locks_block_has_op(const lock_fn *lf, uint32_t b, uint32_t l, uint32_t before);

/* The branch that decides whether lock l is held at a point (locks_decide.c): one of the last
   operations on l reaching the point's state st is alone on one arm of a two-way branch whose
   condition nothing else in the function tests (no variable or function it names is in another
   branch's condition, nor the split variable, nor a loop's own test), and before that branch l
   is held on every path when the operation releases it, and on none of this function's when it
   acquires it; the other arm reaches block `target` (the point's) without the opposite
   operation on l. Both values then reach the point, one with the lock and one without: `if
   (rand() % 2) lock(&m); unlock(&m);`. Or the operation is a try tested where it is called
   (`if (pthread_mutex_trylock(&m) == 0)`, l free before it), whose success arm reaches the point
   with no other operation on l, through branches whose conditions nothing else tests (`tried`,
   only when asked for). */
typedef struct lock_decider {
    uint32_t branch;     /* the block whose cond decides */
    int arm;             /* its succs index that leads to the operation */
    uint32_t site;       /* the operation (a blocking exclusive acquire, or a release) */
    bool entry_unknown;  /* an acquire whose branch may be reached with l held by the caller */
    bool tried;          /* the operation is a try the branch tests, `arm` its success: the
                            path that took the lock goes on to the point */
    const ast_node *rewrite; /* LOCKS_DECIDE_REWRITES: the write of what the condition tests,
                                on the other arm's way, that the later test sees instead */
} lock_decider;
/* Each query walks the function (O(blocks + sites)): *budget, which the caller sets to
   LOCKS_DECIDER_BUDGET once per function, bounds how many it answers, so that a function full
   of such points costs linear time; past it, no decider (silent). Modes:
    - LOCKS_DECIDE_TRIES: a try's success arm may decide (`tried`), for a caller that asks
      whether the lock may be held there;
    - LOCKS_DECIDE_REWRITES: for a caller that asks whether the lock may be not held there, a
      lock on one arm of a branch whose condition is tested again decides, when the other arm
      goes on to the point (through such a test too, the point's own included) only after a
      write of what the condition tests (`if (c->shared) lock(&c->lock); ... if (publish)
      c->shared = 1; if (c->shared) unlock(&c->lock);`): the later tests see the new value
      (`rewrite`); a constant written decides them. Without the mode the point must not be on
      one arm of a branch. */
#define LOCKS_DECIDER_BUDGET 32
#define LOCKS_DECIDE_TRIES 1u
#define LOCKS_DECIDE_REWRITES 2u
bool locks_decider(fl_arena *A, const lock_fn *lf, const fl_word *st, uint32_t l, uint32_t target, unsigned modes,
                   uint32_t *budget, lock_decider *out);
/* Site s runs whatever the branches before it decided since the last join of paths: it is not
   on one arm of a branch (`if (locked) unlock(&m);` follows a flag the analysis may not see). */
bool locks_site_unconditional(const lock_fn *lf, const lock_site *s);
/* The condition of the two-way branch site s hangs under (through blocks of one predecessor
   each), or NULL when a join of paths comes first. */
const ast_node *locks_site_condition(const lock_fn *lf, const lock_site *s);

/* The state on entry of block b (a copy into st, lf->nwords words). */
void locks_state_in(const lock_fn *lf, uint32_t block, fl_word *st);
/* Apply one event to st (on its own: O(sites of the lock / 64); a cursor is O(1) amortized). */
void locks_apply(const lock_fn *lf, const lock_event *ev, fl_word *st);
/* The state right before element `elem` of block b (replays the block up to there: to read
   many points of one block, walk it with a cursor). */
void locks_state_at(const lock_fn *lf, uint32_t block, uint32_t elem, fl_word *st);
/* Call visit(ctx, event, state before it) for every event of block b, in order: one walk. */
void locks_replay(const lock_fn *lf, uint32_t block,
                  void (*visit)(void *ctx, const lock_fn *lf, const lock_event *ev, const fl_word *st), void *ctx);
/* locks_replay over every reachable block of the function, in reverse post-order. */
void locks_replay_all(const lock_fn *lf,
                      void (*visit)(void *ctx, const lock_fn *lf, const lock_event *ev, const fl_word *st),
                      void *ctx);
/* The state at the end of block b after its events (the out-state without edge effects). */
void locks_state_out(const lock_fn *lf, uint32_t block, fl_word *st);
/* Sites of lock l whose bit is set in st (the last operations on it reaching here), as a
   count; the first `max` indices are written to out in source order. O(sites of l / 64), and
   O(1) on the state a replay is showing its visitor when the replay itself set l's site. */
uint32_t locks_last_sites(const lock_fn *lf, const fl_word *st, uint32_t l, uint32_t *out, uint32_t max);

/* One walk through the events of a block, element by element: the state before each element
   of interest in one pass over the block (locks_state_at at each would replay the block's
   start every time). A cursor's state is the caller's buffer `st` (lf->nwords words), which
   the caller reads but must not change between the cursor's calls. */
typedef struct locks_cursor {
    const lock_fn *lf;
    fl_word *st;
    uint32_t block;
    uint32_t next;  /* the next event to apply */
    uint64_t walk;  /* this walk's stamp for the lock -> single site memo (locks.c) */
} locks_cursor;

/* Start at the entry of block b: st = the block's in-state. */
void locks_cursor_start(locks_cursor *c, const lock_fn *lf, uint32_t block, fl_word *st);
/* Advance to the state right before element `elem` (elements only move forward). */
void locks_cursor_to(locks_cursor *c, uint32_t elem);
/* locks_last_sites on the cursor's state, O(1) when the walk itself set the lock's site. */
uint32_t locks_cursor_last_sites(const locks_cursor *c, uint32_t l, uint32_t *out, uint32_t max);

/* Work done by the lock engine on the unit's functions so far, in steps (events applied, state
   words copied, cleared or searched), analysis and every replay since: a count for the scaling
   tests, which assert on its growth instead of on time. */
uint64_t locks_work(const lock_unit *u);

/* A direct call in the unit: the calling function (tu->funcs index), its block, the call. */
typedef struct lock_call_ref {
    uint32_t caller;
    uint32_t block;
    const ast_node *call;
} lock_call_ref;
/* A parameter of lf's function that it never writes, nor lets anything else write (its address
   not taken): a lock reached through it is the same lock on every way round a loop, and the one
   each call passes. Linear in the function. */
bool locks_param_fixed(const lock_fn *lf, const ast_var *v);

/* The direct calls of function i (tu->funcs index) from the unit's functions, *n of them. */
const lock_call_ref *locks_calls_of(const lock_unit *u, uint32_t i, uint32_t *n);

/* The class of a lock across functions: globals by object, fields by the record type that
   holds them and the field path ("struct account::lock"); NULL when unknown. */
const char *locks_lock_class(fl_arena *A, place p);

/* ---- locks taken inside calls (locks_takes.c) ---- */

/* A blocking acquire a call may make before it returns, in the caller's terms. */
typedef struct lock_take {
    const char *cls;        /* the lock's class, or NULL (a lock given by pointer, not yet known) */
    place where;            /* the lock in the caller's terms: a global, or a place rooted at one of
                               the caller's parameters; {NULL, NULL} when it is neither */
    const char *where_path; /* internal: where.path while rooted at a parameter */
    const char *name;       /* as written where it is taken */
    const lock_site *site;  /* the acquire ... */
    const lock_fn *lf;      /* ... in this function's analysis */
    bool after_release;     /* on some path to it, a function on the way released a lock its caller
                               may hold: it need not come after the caller's locks */
} lock_take;

/* The locks a call to one of the unit's functions may take (its own acquires and its callees'
   in the unit, transitively), in the caller's terms, with `caller` the calling function's CFG
   (a local copy of a parameter passed on names the parameter's object; NULL: not followed); at
   most max. 0 for other calls. */
uint32_t locks_call_takes(const lock_unit *u, const ast_node *call, const cfg *caller, lock_take *out, uint32_t max);
/* The locks tu->funcs[func_index] may take, in its own terms (as locks_call_takes before the
   call's arguments compose them); at most max. */
uint32_t locks_fn_takes(const lock_unit *u, uint32_t func_index, lock_take *out, uint32_t max);
/* True if element `elem` of block `block` is one of lf's lock sites (a lock helper's call is
   one): O(log sites). */
bool locks_site_at(const lock_fn *lf, uint32_t block, uint32_t elem);
/* Call visit for every call of lf's function to a function of the unit that may take locks
   (not a lock helper's call, which is a lock operation itself), with what it may take and a
   cursor standing right before it: one cursor walk per block. */
void locks_each_taking_call(const lock_unit *u, const lock_fn *lf,
                            void (*visit)(void *ctx, const ast_node *call, const lock_take *t, uint32_t nt,
                                          const locks_cursor *c),
                            void *ctx);
/* The unit's function a call calls directly, or NULL. */
const ast_func *locks_call_target(const lock_unit *u, const ast_node *call);

/* ---- the unit ---- */

/* Summaries and analyses of every function of the unit (cfgs[i] for tu->funcs[i], NULL when not
   analyzed), bottom-up over direct calls; recursion is cut (a call into the cycle being
   computed has no effect). Also decides the unit's mutex kinds (below), reading the text of
   global initializers through `sm` (may be NULL). Allocated in `arena`. */
/* What a unit's locks take from other units: per callee index, the summary of the definition
   another unit has; and whether the unit calls a function of another unit that makes mutexes
   non-plain (uv_mutex_init_recursive). */
typedef struct lock_imports {
    const lock_summary *const *sums;
    bool nonplain;
    /* Per tu->funcs index (may be NULL): the unit's globals (nstable of them) that nothing the
       function calls changes (facts/gstable.h): a lock taken under `if (use_mt)` on such a
       global splits on it like on a parameter (ir/split.h). */
    fl_word *const *stable;
    uint32_t nstable;
} lock_imports;

lock_unit *locks_unit_build(fl_arena *arena, const ast_tu *tu, cfg *const *cfgs, fl_srcmap *sm,
                            const lock_imports *imported);
/* True if function tu->funcs[i] names a non-plain mutex kind itself. */
bool locks_fn_nonplain(const lock_unit *u, uint32_t func_index);
/* True if tu->funcs[i] is a thread's start the unit spawns (`pthread_create(&t, NULL, worker,
   arg)`) and never calls itself: what it holds when it returns, nobody releases. */
bool locks_unit_thread_start(const lock_unit *u, uint32_t func_index);
/* Another thread hands lock li (of lf) over: a function of the unit that no function calls
   directly (a thread's start routine, a callback) unlocks this global lock without having
   locked it, as in `tf: pthread_mutex_unlock(&lock)` while main does `lock(&lock); create(tf);
   lock(&lock)` to wait for tf, or main gives back what a joined thread left locked. (Unlocking
   a mutex another thread holds is undefined for plain POSIX mutexes, but it is how these
   programs synchronize.) That function's name, or NULL. */
const char *locks_handed_over_by(const lock_unit *u, const lock_fn *lf, const lock_info *li);
/* The converse: a function of the unit other than lf returns holding global lock li (a thread
   that leaves it locked for main to give back, an acquire helper). */
bool locks_left_held_elsewhere(const lock_unit *u, const lock_fn *lf, const lock_info *li);
/* The analysis of tu->funcs[i], NULL when it uses no lock. */
const lock_fn *locks_unit_fn(const lock_unit *u, uint32_t func_index);
/* What a call to `c` does to locks (annotations first, then the computed summary, then what
   another unit's definition does: locks_unit_build's imports), or NULL. */
const lock_summary *locks_summary_of(const lock_unit *u, const ast_callee *c);
/* True if the unit mentions a recursive mutex kind (PTHREAD_MUTEX_RECURSIVE, mtx_recursive):
   locking twice may then be intended. */
bool locks_unit_has_recursive(const lock_unit *u);
const ast_tu *locks_unit_tu(const lock_unit *u);
/* True if the unit may use a mutex that is not plain, so that locking it twice or unlocking it
   unheld is defined behaviour the program may test on purpose: a function mentions a recursive,
   error-checking or robust kind (pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK),
   pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST), mtx_recursive, a static mutex
   initialized with PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP), or a global mutex is initialized
   with such a macro on its declaration line. Unit-wide: the attribute object usually reaches
   the mutex through pthread_mutex_init in another function. */
bool locks_unit_has_nonplain_mutex(const lock_unit *u);
/* The same questions for one lock li: the unit's answer, except for a file-scope mutex the unit
   shows to be plain (initialized with PTHREAD_MUTEX_INITIALIZER on its declaration, or `static`
   and zero-initialized, and given no attributes by an init call of the unit), which locking
   twice deadlocks whatever other mutexes the unit makes recursive. */
bool locks_may_be_recursive(const lock_unit *u, const lock_info *li);
bool locks_may_be_nonplain(const lock_unit *u, const lock_info *li);
/* True for the mutex APIs (pthread_mutex_*, mtx_*): the ones a mutex kind applies to. */
bool locks_is_mutex_api(const char *api);

/* The parameter or global a local pointer copies, when its declaration initializes it from one
   (through casts and a comma's right side, as in OVS's CONST_CAST) and nothing in g assigns it
   later: such a local names the same object, so locks reached through it are named by the
   original. NULL otherwise. */
ast_var *locks_copy_of(const cfg *g, ast_var *v);

#endif
