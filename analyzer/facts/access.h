/* access.h - what a unit tells the whole program about shared memory: for every function with a
 * body, the accesses it makes to memory other threads may reach, the calls it makes and the
 * threads it starts, each with the locks held there and which of the function's own threads
 * may be running there. facts/program.h combines the units of a program into threads and what
 * may run in parallel; data-race and not-sync read both.
 *
 * Locations and locks are keys that mean the same object in every unit:
 *   "g:<name><path>"             a global with external linkage (`g:stats.requests`);
 *   "s:<file>:<name>@<off><path>" a `static` global or a function's static, of one file;
 *   "v:<file>:<fn>@<off><path>"   a local object of a spawning function whose address a spawn
 *                                 passes (`&cfg` -> `v:main.c:main@120.port`); an element of a
 *                                 local array whose elements spawns pass one each (`&args[i]`)
 *                                 is "<array>[?]", one per thread (facts/access_fields.c);
 *   "p:<file>:<fn>@<off><path>"   the object a local pointer of a spawning function points to,
 *                                 when a spawn passes that pointer;
 *   "t:<file>:<fn>@<off>:<name><path>" a local whose address only ever goes straight to
 *                                 calls, as a call's argument (acc_call.args): the object
 *                                 of one call of the function, which no other thread
 *                                 reaches (a lock in it orders nothing between threads;
 *                                 a helper's accesses of it are no shared accesses);
 *   "c:<state>"                   the static state of a C library function (mt_unsafe.h): a
 *                                 call of it accesses that state (`c:strtok`, `c:env`);
 *   "a:<path>"                    (acc_access.arg) relative to the function's first parameter,
 *                                 the thread argument when the function is a thread entry
 *                                 (`s->requests` where `s = arg`), matched by the program with
 *                                 the object each spawn of it passes;
 *   "a<N>:<path>"                 relative to parameter N of a helper (`q->len` in
 *                                 `enqueue(pthread_mutex_t *m, struct queue *q)` is "a1:.len"),
 *                                 matched with the object each call passes there.
 * A global pointer's pointee is a location too (`buf[0]` is "g:buf*", `g->n` "g:g*.n"), which
 * data-race trusts only while the pointer itself keeps its value; a local pointer set to the
 * address of one location at every definition (`long *p = &count;`) names that location.
 * `free(p)` writes the whole object p points to. An element by an index not known (`d[i]`,
 * `*(d + i)`) of a global array, or of the array the first parameter or a local pointer with one
 * target points to, is the whole array when a loop counter indexes it, else "<array>[?]", some
 * element (element_key). Locals, thread-locals, _Atomic and const
 * objects, array elements with a non-constant index and anything reached through another
 * pointer are not locations here (silence, not a guess).
 *
 * A function's thread events are its run_fn spawns (facts/running.h): spawn sites and calls
 * to functions that return with threads still running. State bits are running.h's: R(s) = 2s,
 * A(s) = 2s + 1.
 *
 * Regions (acc_region): code that runs once per program, entered only through the first pass of
 * a once construct (dominated by the branch where `ovsthread_once_start(&once)` said "first",
 * the rest of a function after `if (!once_start(&once)) return;`); and code that runs while the
 * process has no other thread (after a call that asserts it, OVS's assert_single_threaded(), and
 * before the function starts a thread of its own). facts/program.h adds `main` before it starts
 * any thread, and extends both to the functions only such code calls.
 */
#ifndef FL_ACCESS_H
#define FL_ACCESS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "../base/arena.h"
#include "../base/bitset.h"
#include "../frontend/ast.h"
#include "../ir/cfg.h"
#include "locks.h"
#include "running.h"
#include "sendsync.h"
#include "summary.h"

/* Accesses and locks through a function's parameters: "a:<path>" through the first, "a<N>:<path>"
   through parameter N (1 <= N < ACC_MAX_PARAMS). */
#define ACC_MAX_PUB 8 /* atomic variables per function that order accesses around them */
#define ACC_MAX_PARAMS 8

/* A flag key of the running thread's argument ("i:<path>", facts/flags.h): what the thread's
   own function reads from its first parameter. */
static inline bool acc_key_is_instance(const char *k)
{
    return k[0] == 'i' && k[1] == ':';
}

/* The parameter key k is relative to (0 for "a:", N for "a<N>:"), with *rest (when rest is not
   NULL) the path after the prefix; -1 for a key of anything else. */
static inline int acc_key_param(const char *k, const char **rest)
{
    if (k[0] != 'a')
        return -1;
    int n = 0;
    const char *s = k + 1;
    while (*s >= '0' && *s <= '9' && n < 1000)
        n = n * 10 + (*s++ - '0');
    if (*s != ':' || (s == k + 2 && k[1] == '0'))
        return -1;
    if (rest)
        *rest = s + 1;
    return n;
}

/* A key relative to a parameter rebased on what a call passes: the argument's key `arg` with the
   path `rest` after the parameter. An element lock by an index not known (`&c->buckets[h].mu`,
   "[*]" in rest) becomes an "E:" key (access.c, element_lock_key) once the argument is no
   parameter of the caller's. */
static inline const char *acc_key_rebase(fl_arena *A, const char *arg, const char *rest)
{
    const char *pre = strstr(rest, "[*]") && acc_key_param(arg, NULL) < 0 ? "E:" : "";
    return fl_arena_sprintf(A, "%s%s%s", pre, arg, rest);
}

/* Whether a key names some element, one per thread or per index ("<array>[?]" at its end: an
   object `&args[i]` passes, or an element by an index not known). */
static inline bool acc_key_some_element(const char *key)
{
    size_t n = strlen(key);
    return n >= 3 && memcmp(key + n - 3, "[?]", 3) == 0;
}

/* What gives a global pointer its value: a write of it (`g_ctx = &ctx;`, `cur = NULL;`,
   `buf++`), its initializer, or (for "r:<function>") a function's returns. The program takes a
   pointer whose every write and initializer give it one object's address (or NULL) to name
   that object. */
typedef struct acc_store {
    const char *ptr;   /* the pointer's key */
    const char *to;    /* the key of what it now points to; "" for NULL; NULL when not known */
    const char *name;  /* ... as written */
    const ast_node *def; /* the store or the return; NULL for an initializer */
} acc_store;

/* Where code runs (above); a set of bits. */
enum acc_region {
    ACC_ONCE = 1 << 0,    /* ordered before the code of other threads that uses it: once per program,
                             before whatever the once construct lets pass; or with no other thread */
    ACC_SINGLE = 1 << 1,  /* while no other thread exists (implies ACC_ONCE) */
};

typedef struct acc_lock {
    const char *key;   /* a location key (above) */
    const char *name;  /* as written, for messages */
    bool excl;         /* held for writing (mutex, rwlock write side); false: the read side */
} acc_lock;

typedef struct acc_locks {
    acc_lock *l;
    uint32_t n;
    bool unknown;      /* holds some lock fearless cannot name: it may be any lock */
} acc_locks;

/* What a function surely did to end threads before a call, or by its return (facts/joined.h):
   joined a global handle, or called a function that may join threads. */
typedef struct acc_join {
    const char *handle;       /* the global handle's location key, or NULL */
    const ast_callee *callee; /* ... else the function called */
} acc_join;

typedef struct acc_joins {
    const acc_join *j;
    uint32_t n;
} acc_joins;

typedef struct acc_fn {
    const ast_func *fn; /* NULL: no body analyzed */
    bool address_taken; /* may be called through a pointer: named other than as a callee, or a
                           static function no body names (used from a global's initializer) */
    bool calls_sync;    /* calls a barrier function: may be ordered in ways not followed */
    bool sem_waits;     /* waits on a semaphore (sem_wait, sem_timedwait, sem_trywait, ...) */
    bool sem_posts;     /* posts one */
    bool dies;          /* never returns and has no loop: a way out of the program (an assertion's
                           failure, a fatal error), not a function that serves forever */
    bool trampoline;    /* a spawn wrapper starts it to run the function it was given (threads.h):
                           the threads it runs are those of the wrapper's callers */
    bool opaque_lock;   /* calls a lock function fearless does not know (no body, not summarized) */
    const ast_node *unchecked_try; /* a trylock whose status it throws away (the first), or NULL */
    const run_fn *rf;   /* its thread events, or NULL */
    uint32_t nwords;    /* words of a run state (rf->nwords, 0 without events) */
    fl_word *exit_run;  /* state at its return (NULL when no event reaches it) */
    acc_joins exit_ended; /* the joins it makes on every path to its return */
    const char **tls_sets; /* the thread-specific keys it sets to a value that may not be NULL
                              ("t:<key's location key>", as acc_cond keys them) */
    uint32_t ntls_sets;
} acc_fn;

/* A global flag's value that every path to a call or spawn has tested (facts/flags.h). */
typedef struct acc_cond {
    const char *key;          /* the flag's location key; "t:<key>" for the running thread's
                                 value of a thread-specific key (facts/flags.h) */
    bool nonzero;
} acc_cond;

typedef struct acc_conds {
    const acc_cond *c;
    uint32_t n;
} acc_conds;

/* A thread event's program-level facts: what a spawn starts, or which callee a starter is. */
typedef struct acc_event {
    uint32_t fn;              /* tu->funcs index */
    uint32_t bit;             /* its index in the function's run_fn spawns */
    bool starter;
    const ast_callee *target; /* spawn: the thread function, NULL when unknown; starter: the callee */
    const char *obj;          /* spawn: the key of the object its argument points to, or NULL */
    bool in_loop;             /* the spawn sits in a loop */
    bool once;                /* ... in code run once per program (ACC_ONCE) */
    fl_word *before;          /* the function's run state right before it */
    const ast_node *call;
    const ast_node *arg;      /* spawn: the thread's argument, or NULL */
    acc_conds conds;          /* the flags tested on every path to it */
    const char *handle;       /* spawn: the location key of the global its handle is stored in,
                                 or NULL */
    const char *distinct;     /* spawn: what of its argument each thread it starts gets its own
                                 value of ("=", "*", "*.id": a loop counter), or NULL */
    acc_conds arg_facts;      /* spawn: the running thread's argument as it gives it ("i:" keys:
                                 `&opts` with `struct opts opts = {0, 100}` says "i:*.sync" zero) */
    uint8_t obj_param;        /* spawn: 1 + the parameter of the spawning function that its argument
                                 is (`pthread_create(&f->thread, NULL, run, f)` in `start(struct
                                 flusher *f)`), never written there; 0 otherwise: the object is
                                 the one each call of the function passes */
    const ast_node *via;      /* a copy of such a spawn for one call of its function (program
                                 facts): that call, which passes the object; else NULL */
} acc_event;

typedef struct acc_call {
    uint32_t fn;              /* the caller (tu->funcs index) */
    const ast_node *call;     /* its callee expression says whom it calls (direct or indirect) */
    acc_locks locks;          /* held at the call by the caller itself */
    fl_word *run;             /* the caller's run state there, or NULL when no event may run */
    /* A call through a pointer read from a slot functions are stored in (below): the slot's key,
       or the caller's parameter it calls (slot_param >= 0); NULL and -1 when neither. */
    const char *slot;
    int32_t slot_param;
    uint8_t region;           /* acc_region bits of the call site */
    const ast_callee *target; /* the function it runs when that is not its callee: the init
                                 routine of `pthread_once(&once, init)`; else NULL */
    bool after_start;         /* a thread the function starts may have started before it (on some
                                 path, whether or not joined since) */
    /* Per argument (the first ACC_MAX_PARAMS, nargs of them), the location key of the object it
       points to (`bump(&stats_mu)`), or NULL: what the callee reaches through that parameter
       ("a<N>:" keys) is at this call; with the argument as written. */
    const char **args;
    const char **arg_names;
    uint32_t nargs;
    acc_conds conds;          /* the flags tested on every path to it */
    acc_joins ended;          /* the joins made on every path to it */
    bool after_join;          /* a join of some thread, or a call that may join one, may come
                                 before it in the caller (accx_find_joins) */
    bool dies_after;          /* a call that never returns follows it at once (an assertion's
                                 failure handler, then __builtin_unreachable()): a way out */
    bool bar_before, bar_after; /* a barrier wait of the caller may come before the call, after it */
    uint8_t counter_args;     /* bit i: argument i is a counter of the caller, or wraps one (`i % N`) */
    uint32_t param_args;      /* four bits per argument: the caller's parameter it is, plus one */
    uint8_t fresh_args;       /* bit i: argument i is a local pointer declared in the loop body the
                                 call is in, defined there once by an allocation: a new object at
                                 each call (`struct req *r = req_new(i); dispatch(r);`) */
} acc_call;

/* Where functions go, so that a call through a pointer reaches the functions stored where it
   reads its pointer rather than every function whose type fits. Slots are "f:<record>.<field>"
   (a field of a struct type, wherever the struct is), "g:<global key>" (a global pointer or
   array of pointers) and the parameters of functions. A flow puts a function, or every function
   a parameter of the current function receives, into a slot or into a parameter of a callee. */
typedef struct acc_flow {
    uint32_t fn;               /* the function it happens in (tu->funcs index) */
    const char *to;            /* the slot ("f:"/"g:"), or NULL for a callee's parameter */
    const ast_callee *to_callee;
    uint32_t to_param;
    const ast_callee *what;    /* the function that flows, or NULL for ... */
    int32_t from_param;        /* ... the functions this parameter of `fn` receives */
} acc_flow;

/* Location keys (flags of condition-variable handshakes, access_handshake.c). */
typedef struct acc_keys {
    const char **k;
    uint32_t n;
} acc_keys;

/* A lock held without a break from before a spawn to an access (access_creator.c). */
typedef struct acc_held_across {
    uint32_t spawn;           /* the spawn's index in the function's run_fn */
    const char *lock;         /* the lock's key */
} acc_held_across;

typedef struct acc_access {
    uint32_t fn;
    const char *loc;          /* location key */
    const char *name;         /* as written (`stats.requests`, `s->requests`) */
    bool write;
    bool arg;                 /* loc is relative to a parameter ("a:...", "a<N>:...") */
    acc_locks locks;          /* held there by the function itself */
    /* Held there too when if_cond holds (key NULL: none): locks taken and released under a test
       of a flag that decides later branches too (`if (need) lock(&m); n++; if (need)
       unlock(&m);`, or `if (threaded)` on a mode flag), as the split of facts/locks.h finds
       them under one value of the flag; a parameter or a global, never in `locks`. */
    acc_locks if_locks;
    acc_cond if_cond;
    fl_word *run;             /* the function's run state there, or NULL */
    const ast_node *node;
    uint8_t region;           /* acc_region bits of where it is */
    bool after_start;         /* as acc_call's */
    acc_conds conds;          /* the flags tested on every path to it */
    /* Through a local pointer to one location (`*p` with `long *p = &count`): that location as
       written (`count`) and where the pointer gets it; else NULL. */
    const char *pointee;
    const ast_node *pointee_def;
    uint32_t pointee_len;     /* ... the length of the location's own name in it (`count` of
                                 `count.hits`), 0 for all of it */
    bool frees;               /* `free(p)`: a write of the whole object p points to */
    bool inits;               /* a compound literal assigned to a spawn's object (or its element),
                                 whose pointer fields are recorded as initializers (acc_unit.inits) */
    bool whole;               /* of the whole object (`free(p)`, `memset(&s, 0, sizeof s)`): of each part too */
    int8_t index_param;       /* an element through a parameter's object ("[?]" in loc) whose index is
                                 the function's parameter index_param (`inv->stock[item]`), else -1:
                                 a call passing a counter names the whole array */
    /* Condition-variable handshakes (access_handshake.c): a write of a non-zero constant in no
       loop (`ready = 1;`: a handshake's signal); the flags a wait loop (`while (!ready)
       pthread_cond_wait(...)`) has seen set on every path to here; the flags set that way on
       every path from here to the function's return. Keys as `loc`. */
    acc_joins ended;          /* the joins made on every path to it (facts/joined.h) */
    bool after_join;          /* a join of some thread, or a call that may join one, may come before
                                 it in its function: placed at a call of that function (at_call),
                                 it may come after the end of a thread the caller sees running */
    bool flag_set;
    bool flag_once;           /* ... set once: under a lock, where a test of it for zero under that
                                 lock led (`if (!inited) { ...; inited = 1; }`) */
    bool atomic;              /* an atomic write (a store, exchange or read-modify-write): it races
                                 with nothing, and tells whether a flag is set once */
    acc_keys waited;
    acc_keys signals;
    bool at_call;             /* a helper's access placed at one of its calls (program facts) */
    /* The spawn whose element this spawner's access is (`jobs[i].sink = &sink;` right after
       `pthread_create(&t[i], NULL, run, &jobs[i])`, i not written between): the element that
       thread has, not some other thread's; else NULL. */
    const ast_node *spawn_elem;
    /* Semaphores: a sem_wait of the function may run before it, a sem_post after it (a post
       releases a waiter, which then comes after what preceded the post). */
    bool sem_wait_before;
    bool sem_post_after;
    /* Barriers: a barrier wait of the function may come before it, after it (a wait orders what
       each thread did before it with what the others do after it). */
    bool bar_before;
    bool bar_after;
    /* Atomics that publish (a release store or update of a shared atomic variable, an acquire
       load of one): the function's such variables (pub_keys), bit k set in pub_acq when one may
       have loaded keys[k] before the access, in pub_rel when one may write it after. A write
       before a release of `published` and a read after an acquire of it may be ordered. */
    const char *const *pub_keys;
    uint8_t pub_acq, pub_rel;
    /* A creator's lock across a spawn (access_creator.c): the spawns before this access with a
       lock held since before them; and, in a function shaped like a thread's start, the locks
       acquired on every path from its entry to here. */
    const acc_held_across *held;
    uint32_t nheld;
    const fl_word *acquired;    /* bit l: lock_keys[l] (NULL: unnamed) is acquired on every path
                                   from the entry to here; NULL when none is. Shared by the
                                   accesses with the same set: one copy per change of it. */
    const char *const *lock_keys;
    uint32_t nlock_keys;
} acc_access;

/* A reference to a global or static of a type that may not be Sync (for not-sync). */
typedef struct acc_ref {
    uint32_t fn;
    const char *key;          /* the variable's location key */
    ast_var *var;
    const ast_node *node;     /* the first reference in the function */
} acc_ref;

/* A call fearless could not follow: to a function with no body in the unit or any other, that
   looks like it starts a thread (it is given a thread start function), takes or drops a lock
   (it is given a pointer to a mutex), or joins a thread (it is given a thread handle). */
typedef enum acc_unseen_kind { UNSEEN_SPAWN, UNSEEN_LOCK, UNSEEN_JOIN } acc_unseen_kind;

typedef struct acc_unseen {
    uint8_t kind;             /* acc_unseen_kind */
    const char *name;         /* the callee */
    const ast_node *call;     /* the first such call in the unit */
} acc_unseen;

typedef struct acc_unit {
    const ast_tu *tu;
    acc_fn *fns;              /* per tu->funcs index */
    acc_event *events;
    uint32_t nevents;
    acc_call *calls;
    uint32_t ncalls;
    acc_access *accs;
    uint32_t naccs;
    acc_ref *refs;
    uint32_t nrefs;
    const char **taken;       /* functions it does not define whose address it takes, by name */
    uint32_t ntaken;
    const char **polled;      /* keys of the global flags a loop's condition tests (`while (!stop)`):
                                 they change while code runs (facts/flags.h) */
    uint32_t npolled;
    acc_flow *flows;          /* where its functions go */
    uint32_t nflows;
    acc_unseen *unseen;       /* calls it could not follow, one per callee */
    uint32_t nunseen;
    bool uses_threads;        /* it calls the thread or lock API (or a wrapper of it): it is meant
                                 to run with threads */
    acc_store *inits;         /* its pointers initialized with a global's address (`static long
                                 *hits = &count;`; `def` NULL), and the pointer fields of the
                                 objects its spawns pass, by initializer lists (`def` the decl) */
    uint32_t ninits;
    acc_store *stores;        /* its writes of global pointers (a variable or a field of one), and
                                 of pointer fields of the objects its spawns pass */
    uint32_t nstores;
    acc_store *returns;       /* its functions whose every return gives one global's address:
                                 "r:<name>" (or "r:<file>:<name>" for a static one) and that
                                 global; `get()->hits` is "r:get*.hits" until the program
                                 resolves it (or drops it) */
    uint32_t nreturns;
    uint64_t handshake_work;  /* steps of the handshake facts (elements read for flags, masks
                                 built, accesses given flags): a count for the scaling tests */
} acc_unit;

/* True when function f has the shape of a thread's start function: one pointer parameter,
   returning a pointer (pthreads) or an int (C11). */
bool acc_looks_like_thread_fn(const ast_callee *f);

typedef struct acc_input {
    const ast_tu *tu;
    cfg *const *cfgs;
    const char *file;           /* display path of the unit's main file (in keys of `static`s) */
    const sum_table *sums;
    const lock_unit *locks;     /* may be NULL: no locks known */
    run_fn *const *running;     /* per tu->funcs index */
    const bool *defined_elsewhere; /* per callee index */
    ss_table *traits;           /* for the non-Sync references */
} acc_input;

/* The unit's shared-memory facts, allocated in `A`. */
acc_unit *acc_unit_build(fl_arena *A, const acc_input *in);

/* True if an indirect call `call` (an AST_CALL; kids[0] the callee expression) may call the
   function c: as many arguments as parameters (at least as many when c is variadic), a void
   result exactly when the call's is void, and each argument of the parameter's kind (pointer,
   arithmetic, record); where an argument's type is known (a variable, field, element, `&x` of
   one), its pointee or record type must be the parameter's after stripping typedefs and
   qualifiers (`void *` matches any pointer), and a function only fits a pointer to a function. */
bool acc_fn_compatible(const ast_node *call, const ast_callee *c);

/* Whether the call names its callee directly (`f(x)`, `(f)(x)`), even when not resolved. */
bool acc_direct_call(const ast_node *call);

#endif
