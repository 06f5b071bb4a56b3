/* access_impl.h - what the parts of the shared-memory facts share (facts/access*.c only; see
 * access.h).
 *
 *   access.c          location keys, the thread argument's aliases, locks at accesses, and the walk
 *                     over one function that records its accesses, calls and thread events
 *   access_regions.c  code that runs once, or while no other thread exists; where threads started
 *   access_fnptr.c    calls through function pointers, and where functions are stored (flows)
 *   access_handshake.c  condition-variable handshakes: flags waited for and flags set
 *   access_creator.c  a creator's lock across a spawn, and the locks a thread takes first
 *   access_fields.c   the pointers the fields of a spawn's object are given before the spawn
 */
#ifndef FL_ACCESS_IMPL_H
#define FL_ACCESS_IMPL_H

#include "access.h"

#include "../base/vec.h"
#include "threads.h"

typedef FL_VEC(acc_event) event_vec;
typedef FL_VEC(acc_call) call_vec;
typedef FL_VEC(acc_access) access_vec;
typedef FL_VEC(acc_ref) ref_vec;

/* Per spawn of the current function: the object its argument points to. */
typedef struct sp_obj {
    const char *key;  /* the object's key, path included (`v:..@12.cfg`) */
    const char *root; /* the key of the variable alone */
    ast_var *var;     /* the variable naming it (the pointer, for "p:") */
    bool through_ptr;
    bool per_instance; /* an element of an array (`&args[i]`): key "<array>[?]", one per thread */
    bool elem_ptr;     /* what an element of a local array of pointers points to (`jobs[i]`):
                          key "<array>[?]" too, with through_ptr set */
} sp_obj;

typedef FL_VEC(acc_flow) flow_vec;
typedef FL_VEC(acc_store) store_vec;

/* Semaphores of the unit that order nothing: globals every sem_init of which gives two tokens
   or more (`sem_init(&slots, 0, 2)`), so that any two threads pass their waits without a post. */
typedef struct accx_many {
    const ast_var **vars;
    uint32_t n;
} accx_many;
accx_many accx_find_many_token_sems(fl_arena *A, const ast_tu *tu, cfg *const *cfgs);

typedef struct ex {
    fl_arena *A;
    fl_arena *T; /* what one function's extraction needs only while it runs: cleared after it */
    flow_vec flows;
    FL_VEC(const char *) taken_names;
    FL_VEC(const char *) polled; /* keys of flags a loop's condition tests */
    const struct flag_fn **flags; /* per tu->funcs index: its flags (facts/flags.h), NULL when none */
    uint32_t *param_flags;       /* ... and the parameters among them (bit i: params[i], the first 32) */
    /* per tu->funcs index: the path from the pointer parameter its every non-null return points
       into (`return &c->slots[i];`: "*.slots[*]" from params[ret_param]), ret_param -1 for none */
    int8_t *ret_param;           /* ... or RET_GLOBAL: an element of the global array ret_global[f] */
    const char **ret_path;
    const ast_var **ret_global;
    bool *ret_found;             /* ... an element indexed by a local of the function (its search's) */
    uint8_t *search_fn;          /* per tu->funcs index, at the first need: 2 when it returns a
                                    search's index (returns_search_index), 1 when not */
    FL_VEC(acc_unseen) unseen;
    bool uses_threads;
    const acc_input *in;
    acc_unit *u;
    /* the current function */
    uint32_t f;
    const ast_func *fn;
    int8_t *alias;    /* per var: the parameter (< ACC_MAX_PARAMS) whose value it holds at every
                         use, the parameter itself or a copy of it (`struct s *s = arg;`); or -1 */
    const char **target; /* per var: the location a local pointer points to at every use
                            (`long *p = &count;`), or NULL (find_targets) */
    bool *target_arg;    /* ... a key relative to a parameter ("a:", "a<N>:") */
    const char **target_name;        /* ... as written (`count`) */
    const ast_node **target_def;     /* ... the value that gives it (`&count`) */
    const char **escaped; /* per var: a local whose address a global pointer takes (`g_ctx =
                             &ctx;`), its key; or NULL (find_escapes) */
    const char **escaped_ptr; /* per var: a local pointer defined once, outside loops, stored in
                                 such a pointer (`c->count = cnt;`): its pointee's "p:" key */
    ast_node **single_defs;   /* cond_single_defs of the current function, once needed (single_defs) */
    uint8_t *makes_new;       /* per tu->funcs index: 1 when it returns new memory or none, 2 when
                                 not, 0 not asked yet (makes_new_object) */
    uint8_t *frame_only;      /* per var: 1 when a local's address only ever goes straight to a call
                                 (frame_local_key), 2 when it goes elsewhere; once needed */
    const ast_node **guard_of;/* per block of the current function: the condition of the first
                                 two-way branch up its chain of single predecessors (last_guard) */
    bool *guard_done;
    const ast_var **walks;    /* per var: the global array a local pointer walks (walked_array),
                                 once needed; NULL */
    bool *walks_every;        /* ... from its first element, one element at a time */
    uint32_t cur_block;       /* the block the walk over the function is in */
    uint32_t cur_elem;        /* ... and the element */
    uint32_t *rpo_at;         /* per block of function rpo_fn: its position in the CFG's reverse
                                 post-order (accx_walks_every_element), once needed */
    uint32_t rpo_fn;
    sp_obj *objs;     /* per run_fn spawn */
    int32_t *obj_first[2]; /* per local of the function, by through_ptr: the first spawn whose
                              object it names, or -1 (obj_key_of without a scan) */
    acc_locks required; /* the locks its annotations require held when it is called */
    const run_fn *rf;
    event_vec events;
    call_vec calls;
    access_vec accs;
    store_vec stores; /* the unit's writes of global pointers, and of pointer fields of spawns'
                         objects (access_fields.c) */
    store_vec inits;  /* initializer lists of spawns' objects (access_fields.c) */
    store_vec returns; /* its functions that return one global's address ("r:" keys) */
    ref_vec refs;
    const struct accx_sems *sems; /* the current function's semaphore facts, or NULL */
    bool *counter;    /* per var: a local counting the same way in every thread (find_counters) */
    int32_t index_param; /* element_key_of: the parameter the element's index is, else -1 */
    uint32_t **iter_stop; /* per spawn, once needed: fresh_element's reach (see there) */
    const uint8_t *latch; /* accx_find_latches of the unit */
    accx_many many;       /* accx_find_many_token_sems of the unit */
} ex;

/* v is a parameter of the function being extracted. */
static inline bool accx_own_param(const ex *x, const ast_var *v)
{
    return v && v->storage == STORAGE_PARAM && v->index < x->fn->nparams && x->fn->params[v->index] == v;
}

/* access.c */
bool accx_is_shared_storage(const ast_var *v);
/* A path with no dereference ("", ".f", "[2].g"). */
bool accx_direct_path(const char *p);
/* The key of a global or static variable itself: external linkage by name, others by file. */
const char *accx_var_key(ex *x, const ast_var *v);
/* The key of a local of the current function. */
const char *accx_local_key(ex *x, char kind, const ast_var *v);
/* The thread function a spawn call names, or NULL. */
const ast_callee *accx_thread_fn(ex *x, const thr_call *tc);

/* The key of a place in the current function (see access.h); *arg set for "a:" keys. */
const char *accx_place_key(ex *x, place p, bool *arg);

/* access_handshake.c */
#define TESTS_DISAGREE (UINT32_MAX - 1) /* accx_handshakes.test_lock: flag tested under two locks */
typedef struct accx_handshakes {
    const char **keys;  /* the flags: tested by wait loops, or set by the function */
    bool *counter;      /* keys[f] is waited for as a counter (`while (done < n)`) */
    int8_t **flag_at;   /* per block (NULL: none), per element: the flag it sets, or -1 */
    uint32_t **after;   /* per block with flags (else NULL): bit f of [i] when an element from i on sets f */
    uint32_t n;
    /* Per flag: the lock held (and the acquire that took it) where the function tests the flag
       for zero; UINT32_MAX when it tests it under none, TESTS_DISAGREE under two. */
    uint32_t *test_lock, *test_site;
    /* Per block with a flag set once (NULL: none; the array itself NULL when the function has
       none), [i]: bit f when an element before i sets f once: where a test of it for zero
       under a lock led, under that same acquire (`lock(&m); if (!inited) { ...; inited = 1; }`). */
    uint32_t **once_before;
    df_result *waited;  /* forward must, bit f: keys[f] seen set: by a wait loop, by a test that orders,
                           or by its own set once (NULL: none of these) */
    df_result *signals; /* backward must, bit f: keys[f] set on every path to the return */
} accx_handshakes;
/* The function's handshake facts, NULL when it has no wait loop and sets no flag. */
accx_handshakes *accx_find_handshakes(ex *x, const cfg *g, const lock_fn *lf);
/* The expression `set`, element i of block b or one a little after it, sets a flag once
   (accx_handshakes.once_before). */
bool accx_flag_once(const accx_handshakes *h, const cfg *g, uint32_t b, uint32_t i, const ast_node *set);
/* The key of the flag a CFG element sets (a non-zero constant, outside loops), or NULL. */
const char *accx_flag_set(ex *x, const cfg_block *b, const cfg_elem *el);
/* An atomic operation: 'l' load, 's' store, 'w' other write (exchange, read-modify-write), or 0. */
char accx_atomic_op(const ast_node *n);
/* The pointer argument of such an operation. */
ast_node *accx_atomic_ptr(const ast_node *n);
/* The key of the location an atomic store or other atomic write changes, else NULL. */
const char *accx_atomic_write(ex *x, const ast_node *n);
/* Fill a->waited and a->signals for an access at element i of block b. */
void accx_handshake_at(ex *x, const accx_handshakes *h, const cfg *g, uint32_t b, uint32_t i, acc_access *a);

/* Semaphores and barriers (access_handshake.c): where a sem_wait may have happened before, and
   where a sem_post may happen after, in the current function; where a barrier wait may have
   happened before, and where one may happen after. */
typedef struct accx_sems {
    df_result *waited; /* forward may (NULL when the function neither waits nor posts) */
    df_result *posted; /* backward may */
    df_result *bar_before; /* forward may (NULL when the function waits on no barrier) */
    df_result *bar_after;  /* backward may */
    bool waits, posts; /* the function waits somewhere, posts somewhere */
    const uint8_t *latch; /* the unit's latch functions (accx_find_latches), or NULL */
    accx_many many;       /* the unit's semaphores that order nothing */
    const ast_tu *tu;
    /* Atomics that publish: the shared atomic variables the function loads, or stores or updates,
       with an order that is not relaxed (at most ACC_MAX_PUB, in order of appearance); per block
       and element, the bits of those it loads ('a'cquire) and writes ('r'elease); forward, the
       loads that may have happened before a block; backward, the writes that may follow it. */
    const char **pub_keys;
    uint32_t npub;
    uint8_t **pub_acq, **pub_rel;
    df_result *acquired, *released;
} accx_sems;
/* What a call does: 'w' waits on a semaphore (sem_wait and its timed and try forms), 'p' posts
   one, 'b' waits on a barrier (pthread_barrier_wait), 0 none of those. */
char accx_sem_op(const ast_node *n);
/* The same, and a call of one of the unit's countdown latch functions (latch, from
   accx_find_latches: NULL for none) waits ('w', the latch's wait) or posts ('p', its count down):
   what a thread did before counting down comes before what the waiter does after the wait. A wait
   or post on a semaphore of `many` is none. */
char accx_call_sem_op(const uint8_t *latch, const accx_many *many, const ast_tu *tu, const ast_node *n);
/* Per function of the unit: 'w' or 'p' for the two halves of a countdown latch built from a mutex
   and a condition variable, for a field the unit both waits on and counts down; NULL when none. */
uint8_t *accx_find_latches(fl_arena *A, const ast_tu *tu, cfg *const *cfgs);
/* The function's semaphore and barrier facts, NULL when it has neither. */
accx_sems *accx_find_sems(ex *x, const cfg *g);
/* Fill a->sem_wait_before, a->sem_post_after, a->bar_before, a->bar_after and the atomics around
   (a->pub_*) for an access at element i of block b. */
void accx_sem_at(const accx_sems *s, const cfg *g, uint32_t b, uint32_t i, acc_access *a);
/* Whether a barrier wait may come before element i of block b, and after it. */
void accx_barrier_at(const accx_sems *s, const cfg *g, uint32_t b, uint32_t i, bool *before, bool *after);

/* access_creator.c */
typedef struct accx_held {
    uint32_t lock;      /* lock_fn index, must-held at the spawn */
    uint32_t *sites;    /* its last operations there */
    uint32_t nsites;
} accx_held;
typedef struct accx_creator {
    uint32_t *first;    /* per spawn + 1: its locks are held[first[s] .. first[s+1]) (NULL: no spawn) */
    accx_held *held;
    df_result *acquired; /* forward must, bit l: acquired on every path from the entry (NULL: not
                            shaped like a thread's start) */
    const char **keys;   /* per lock: its key, NULL when unnamed */
    /* The walk of accx_creator_at through a block's lock events: the set right before event
       `next` of block `block`, shared until an acquire adds a lock to it. */
    uint32_t block, next;
    fl_word *set;
} accx_creator;
/* The function's facts, NULL when it neither spawns nor looks like a thread's start. */
accx_creator *accx_find_creator(ex *x, const cfg *g, const lock_fn *lf);
/* Fill a->held and a->acquired for an access at element i of block b; lc is the access's lock
   cursor, run its run state. Accesses come in block and element order. */
void accx_creator_at(ex *x, accx_creator *c, const lock_fn *lf, locks_cursor *lc, const fl_word *run,
                     uint32_t b, uint32_t i, acc_access *a);

/* access_regions.c */
void accx_find_regions(fl_arena *A, const cfg *g, uint8_t **region_out, uint32_t **single_from_out);
/* Where a thread the function starts may have started (ir/cfg.h's code after sites): after a
   spawn or a call that returns with threads running (on some path, joins aside). A join ends a
   thread, not the fact that the process has had one: code there is not single-threaded. */
cfg_after accx_find_starts(fl_arena *A, const cfg *g, const run_fn *rf);
/* Where a join may have come before: the joins of g (of any handle), and its calls of functions
   that may join a thread (fn_summary.joins_any), as accx_find_starts has the spawns. */
cfg_after accx_find_joins(fl_arena *A, const cfg *g, const sum_table *sums);
uint8_t accx_region_at(const uint8_t *region, const uint32_t *single_from, uint32_t b, uint32_t i,
                       const cfg_after *sa);
void accx_spawn_object(ex *x, const run_spawn *rs, sp_obj *o);
const ast_callee *accx_spawn_target(ex *x, const run_spawn *rs);

/* access.c: the key of the object a spawn passes that local v names (through_ptr: that v points
   to), or of the local a global pointer takes the address of; NULL */
const char *accx_obj_key_of(ex *x, const ast_var *v, bool through_ptr);

/* access_fields.c */
/* `args[i].lock = &locks[i]`: the element of the global array the same index picks, one per
   thread ("<locks>[?]<path>"); NULL for any other store (access_fields.c). */
const char *accx_store_same_index(ex *x, const ast_node *lhs, const ast_node *rhs, const char **name);
bool accx_per_instance(ex *x, const ast_var *v);
bool accx_walks_every_element(ex *x, const cfg *g, uint32_t b, uint32_t elem);
bool accx_obj_field(ex *x, place pl, const ast_node *lv);
const char *accx_store_target(ex *x, const ast_node *rhs, const char **name);
void accx_obj_init(ex *x, const ast_var *v, const ast_node *init, const ast_node *decl);
/* An assignment of a compound literal to such a local or to its element (`args[n] = (struct
   warg){.lg = &lg, .tid = n};`): taken as its initializer. False for any other assignment. */
bool accx_obj_assign(ex *x, const ast_node *assign);

/* access_fnptr.c */
bool accx_cleanup_routine_call(const ast_node *n);
const char *accx_fn_slot(ex *x, ast_node *callee, int32_t *param);
void accx_note_flows(ex *x, const ast_node *n);
void accx_note_local_init(ex *x, const ast_var *v, const ast_node *init);
void accx_note_init_flows(ex *x, bool *taken);

#endif
