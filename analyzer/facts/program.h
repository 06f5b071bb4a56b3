/* program.h - the units of a program put together: the program's functions and the calls
 * between them (through function pointers too), its threads and what each runs, which threads
 * may run at the same time, and the locks every caller of a function holds. Read by the checks
 * that relate threads across the whole program (data-race, not-sync).
 *
 * Programs, not databases: one compilation database often builds several programs (memcached
 * builds `memcached`, `memcached-debug` and `testapp` from overlapping files). pg_partition
 * links units the way a linker would: each unit that defines `main` starts a program, which
 * takes in, for every name its units use and do not define, a unit that defines it (the one
 * whose object file shares the longest path prefix with the `main` unit's, as facts/link.h
 * chooses), and so on. Two definitions of one name in different programs never meet. The units
 * no `main` reaches form one more program (a library checked for the threads it starts itself).
 *
 * Threads (as facts/access.h's events say):
 *  - entries: the functions a spawn of the program starts (each is one thread, "multiple" when it
 *    may run twice at once: spawned at two sites, in a loop, or again while running);
 *  - the spawning side: `main`, or in a program without one (a library), the functions no
 *    function of the program calls that reach a spawn (its start functions; not the trampolines
 *    spawn wrappers start).
 * What a thread runs is its root and every function it calls, transitively. A call through a
 * function pointer enters the functions stored where it reads the pointer (a field of a struct
 * type, a global, a parameter: facts/access.h's slots, filled by assignments, arguments and the
 * initializers of globals), those whose type fits the call (acc_fn_compatible). When nothing is
 * known to be stored there, it may call any function of the program whose address is taken and
 * whose type fits, at most PG_MAX_TARGETS of them (more: no edge, a guess among that many
 * invents races more often than it finds them).
 *
 * May run in parallel (par): a function called while an entry may run (a run bit of the caller
 * at the call, facts/running.h) runs beside that entry, and so does everything it calls. A call
 * to a function that returns with threads running (a starter) makes the threads it started run
 * beside what follows the call. Two entries overlap when one is spawned while the other may run.
 *
 * Strong and weak: a direct call, or a call through a pointer to the functions stored where it
 * reads it, is a strong edge; a call to functions picked by their type alone is a guess (a weak
 * edge), and so is a call to a function that dies (acc_fn.dies: the failure path of an
 * assertion), since what runs while the program aborts is not worth a report, and a call
 * through a struct field that more than a few functions are stored in (a table of operations
 * with many implementations: which one this object holds is not known). Everything above is computed twice: with every edge, and with strong edges only
 * (reach_strong, par_strong, overlap_strong), so that a check can tell a claim that rests on a
 * guess (worth a --verbose note) from one that does not (worth a report).
 *
 * Cost: linear in the facts of the units, plus the resolution of indirect calls (each against
 * the address-taken functions of its arity).
 */
#ifndef FL_PROGRAM_H
#define FL_PROGRAM_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/bitset.h"
#include "../base/strmap.h"
#include "../base/vec.h"
#include "access.h"

#define PG_MAX_TARGETS 8

/* Why an edge of the call graph is weak (program.callee_weak); 0 is a strong edge. */
typedef enum pg_edge {
    PG_STRONG = 0,
    PG_WEAK_GUESS,  /* a function picked by its type alone for a call through a pointer */
    PG_WEAK_DIES,   /* a call to a function that dies (acc_fn.dies) */
    PG_WEAK_DISPATCH, /* a call through a struct field that many functions are stored in */
} pg_edge;

/* A unit as the program sees it. */
typedef struct pg_unit {
    const ast_tu *tu;
    const acc_unit *acc;
    const char *file;    /* display path of the main file */
    const char *output;  /* its object file, or NULL */
    ss_table *traits;    /* the unit's Send/Sync answers */
} pg_unit;

typedef struct pg_fn {
    uint32_t unit;       /* index in program.units */
    uint32_t index;      /* tu->funcs index */
} pg_fn;

/* Flags known on entry to functions: facts[i] on entry to program function fn[i] (sorted),
   for the functions where some are. */
typedef struct pg_entry {
    uint32_t *fn;
    acc_conds *facts;
    uint32_t n;
} pg_entry;

typedef struct pg_thread {
    uint32_t fn;         /* root function (program function id) */
    bool entry;          /* a spawned thread's function, else the spawning side */
    bool multiple;       /* spawned at two sites, or at a site in a loop */
    bool overlaps_itself;/* a spawn of it is reached while an earlier instance may still run */
    bool overlaps_itself_strong; /* ... by strong calls only (below) */
    const acc_event *spawn; /* for entries: a spawn that starts it */
    fl_word *reach;      /* fl_bs_words(nfns): the program functions it runs */
    fl_word *reach_strong; /* those it runs through strong calls only */
    acc_conds facts;     /* entries: the mode flags every spawn of it tested, on flags that keep
                            their value while threads run (see prune_by_flags) */
    /* entries: the flags known on entry to the functions it runs (program_threads.c's
       reach_with_facts), through any calls [0] and through strong calls only [1] */
    pg_entry known[2];
    /* entries with such facts: per function, the caller through which strong calls under them
       first reached it (the root: itself; UINT32_MAX: not reached); else NULL */
    uint32_t *via_strong;
    const char *distinct;/* entries started at one spawn only: what of their argument each
                            instance gets a value of its own for (acc_event.distinct), or NULL */
    acc_conds arg_seen;  /* entries: what any of its spawns' arguments says (acc_event.arg_facts,
                            "i:" keys, of the entry's own function only) */
    acc_conds arg_all;   /* ... what all of them say */
} pg_thread;

typedef struct pg_locks {
    uint32_t *keys;      /* interned lock keys (program.keys) */
    bool *excl;
    uint32_t n;
    bool unknown;
    bool top;            /* entry sets only: not computed yet */
} pg_locks;

/* A call of the program to one of its targets, with what the caller itself holds there and
   where it is (acc_region bits). */
typedef struct pg_call {
    uint32_t from, to;
    pg_locks locks;
    uint8_t region;
    uint32_t *args;      /* per argument (nargs of them), the interned key of the object it
                            points to, or PG_NO_KEY (acc_call.args) */
    uint32_t nargs;
    acc_conds conds;     /* the flags it says on entry to its target (acc_call.conds) */
} pg_call;

#define PG_NO_KEY UINT32_MAX

/* A lock a function reaches through one of its parameters, as one caller passes it: the
   caller, and the lock its argument names there. */
typedef struct pg_keyvia {
    uint32_t from;
    uint32_t key;
} pg_keyvia;

/* Every call of the program to each of its targets, grouped by caller: the calls of f are
   c[first[f] .. first[f + 1]); and by target: the calls to f are c[by_to[i]] for i in
   to_first[f] .. to_first[f + 1]. */
typedef struct pg_calls {
    pg_call *c;
    uint32_t *first;
    size_t n;
    uint32_t *to_first;
    uint32_t *by_to;
} pg_calls;

/* An access of the program: a unit's access (facts/access.h), or for an access through a thread
   entry's argument, its copy for one spawn that passes an object the program can name. */
typedef struct pg_access {
    const acc_access *a;
    uint32_t fn;         /* program function id */
    const char *loc;     /* location key (the spawn's object for copies) */
    pg_locks locks;      /* held by the function itself, interned */
    const acc_event *spawn; /* copies: the spawn whose object it is; else NULL */
    uint32_t spawn_unit;
    uint8_t region;      /* acc_region bits: its own, or its function's (fn_region) */
    const fl_word *ended;/* entries surely over (joined by their global handle) on every path to
                            it, bits over threads[0..nentries); NULL when none */
    pg_locks if_locks;   /* a->if_locks, interned: held when a->if_cond holds */
} pg_access;

enum { BAR_REACHED = 1, BAR_BEFORE = 2, BAR_AFTER = 4 };

typedef struct program {
    fl_arena *A;
    const pg_unit *units; /* borrowed */
    uint32_t nunits;
    pg_fn *fns;          /* every function with a body in the program's units */
    uint32_t nfns;
    uint32_t *fn_base;   /* per unit: the id of its tu->funcs[0] (ids are fn_base[u] + index) */
    uint32_t **callees;  /* per function: the functions its calls may enter */
    uint8_t **callee_weak; /* ... and whether that edge is weak, and why (pg_edge, see above) */
    const ast_node ***callee_site; /* ... and a call that makes it (a strong one, when any is) */
    uint32_t *ncallees;
    bool *called;        /* called by another function of the program */
    pg_thread *threads;  /* entries first (nentries), then the spawning side */
    int32_t *entry_of;   /* per function: the entry it is the root of, or -1 (pg_entry_of) */
    uint32_t nthreads, nentries;
    fl_word **par;       /* per function: entries (bits over threads[0..nentries)) beside it */
    const acc_conds *side_facts; /* thread-specific keys the spawning side never sets ({"t:<key>",
                            zero}): code beside a thread does not pass a test that they are set;
                            NULL when none */
    fl_word **par_strong;/* ... through strong calls only */
    /* Why: per function f and entry k (f * nentries + k), where par[f] got k: the call made while
       k may run (a call of the spawning side), or NULL when f got it from its caller par_from. */
    const ast_node **par_call;
    uint32_t *par_from;  /* the caller it came through (for par_call: the function making the call) */
    const ast_node **par_call_strong; /* the same for par_strong */
    uint32_t *par_from_strong;
    bool *overlap;       /* nentries x nentries */
    acc_conds *called_with; /* per function: the flags every call of it says on entry (the
                            constants passed for the parameters it tests), whoever calls it */
    bool *starts_entry;  /* nentries x nentries: [m * nentries + k] when entry m runs a spawn of k,
                            or of an entry that does (k is nested in m) */
    bool *starts_strong; /* ... through strong calls only, a spawn a few calls from the starter's
                            root at most (NESTED_SPAWN_DEPTH) */
    bool *overlap_strong;
    fl_word ***ev_entries;/* per unit, per event: entries it may leave running */
    pg_locks *ent;       /* per function: locks every caller holds when calling it */
    pg_calls calls;      /* every call, with its locks and region (what ent is made of) */
    uint8_t *fn_region;  /* per function: acc_region bits of all of it (only such code calls it) */
    /* Barriers (program_barriers.c), NULL when no function of the program waits on one: per
       thread k and function f, bar_ctx[k * nfns + f] has BAR_REACHED when k's calls reach f,
       BAR_BEFORE when a barrier wait may come before f is called there, BAR_AFTER when one may
       come after it returns; bar_anywhere[f] when f calls another function that may wait. */
    uint8_t *bar_ctx;
    bool *bar_anywhere;
    uint8_t *sem_ops;    /* per function: 1 it waits on a semaphore, 2 it posts one */
    uint32_t *sem_waiters, *sem_posters; /* per thread: the functions it reaches that wait, that post */
    bool *opaque_lock;   /* per function: calls a lock function fearless does not know */
    pg_access *accs;     /* every access reached by a thread, sorted by location */
    uint32_t naccs;
    fl_strmap key_ids;   /* lock key -> its index in keys */
    const char **keys;   /* interned lock keys, and the lock as written */
    const char **key_names;
    bool *key_lock;      /* per key: held as a lock somewhere (else only an object a call passes,
                            interned to compose the keys of the locks reached through it) */
    uint32_t nkeys;
    const char **key_objs;/* per key: for a key in a thread argument's object ("a:<fn>.mu"), the
                            objects spawns of that entry pass, as "obj1\0obj2\0\0"; else NULL */
    const acc_event ***key_obj_ev;/* per key with key_objs: the spawn of each object, in order */
    bool *key_objs_differ;/* per key: two or more objects, all named to the end (no pointer left,
                            no unknown element) and all different, at most 16 of them */
    bool *key_per_instance;/* per key: such a key whose every object is in an element of an array
                            each spawn passes its own of (`&args[i]`, args[i].mu), with no
                            pointer on the way: two instances of the entry hold two locks */
    pg_keyvia **key_via; /* per key: for a lock reached through the first parameter of a function
                            that is no thread entry (`bump(pthread_mutex_t *m)`), what each call
                            of it passes (`bump(&a)`: a); else none */
    uint32_t *nkey_via;
} program;

/* The programs of a database: lists of unit indices (into `units`), each sorted. Caller frees
   with pg_partition_free. */
typedef struct pg_partition {
    uint32_t **members;
    uint32_t *nmembers;
    uint32_t n;
} pg_partition;
void pg_partition_build(const pg_unit *units, uint32_t n, pg_partition *out);
void pg_partition_free(pg_partition *p);

/* The program made of `units` (borrowed, must outlive it); NULL when it starts no thread. */
program *pg_build(const pg_unit *units, uint32_t nunits);
void pg_free(program *p);

/* The program function id of unit u's tu->funcs[i]. */
static inline uint32_t pg_id(const program *p, uint32_t u, uint32_t i) { return p->fn_base[u] + i; }
static inline const ast_func *pg_func(const program *p, uint32_t id)
{
    return p->units[p->fns[id].unit].tu->funcs[p->fns[id].index];
}
/* The entry thread (index in threads) whose root is function id, or -1. */
int32_t pg_entry_of(const program *p, uint32_t id);
/* The entries (bits over threads[0..nentries)) that may be running at a state `run` of
   function id (facts/running.h bits), into out (cleared first). */
void pg_running_entries(const program *p, uint32_t id, const fl_word *run, fl_word *out);
/* Does code run where flags facts `c` hold contradict facts f (a flag one says is zero, the other
   non-zero)? A thread's facts (pg_thread.facts) against an access's or a call's. */
bool pg_conds_contradict(const acc_conds *c, const acc_conds *f);
/* Whether c[0..n) says what x says (the same flag, the same way). */
bool pg_conds_have(const acc_cond *c, uint32_t n, const acc_cond *x);
/* Lock `key` is in s; *excl (when not NULL) says whether it is held for writing. */
bool pg_locks_has(const pg_locks *s, uint32_t key, bool *excl);
/* An object key the program names to the end: no pointer left to follow, no element of unknown
   index. */
bool pg_named_object(const char *o);
/* The flags known on entry to program function fn in entry k's thread (reached through strong
   calls only, or through any), or NULL when none is. */
const acc_conds *pg_entry_facts(const program *p, uint32_t k, uint32_t fn, bool strong);
/* Whether two interned lock keys name the same lock: equal, or one is a lock in an entry's
   thread argument and the other that lock in an object a spawn of the entry passes. */
bool pg_keys_match(const program *p, uint32_t a, uint32_t b);
/* The locks every call of thread k's code holds when calling each function k runs (k's root
   starts with none; functions k does not run: none), into out[p->nfns], allocated in A: a
   function's entry locks as one thread calls it (ent is over every thread). */
void pg_thread_entry_locks(const program *p, uint32_t k, fl_arena *A, pg_locks *out);

#endif
