/* access.h - the threads of a unit and what each one runs: shared facts for the checks that
 * relate functions (not-sync's globals, data-race).
 *
 * The threads of a unit are
 *  - entries: the functions whose address is the thread function of a spawn in the unit
 *    (pthread_create, thrd_create, or a spawn wrapper recognized by thr_classify); and
 *  - the spawning side: the functions of the unit that reach a spawn and are called by no
 *    other function of the unit (main, a library's start function).
 * What a thread runs is its root function and every function of the unit it calls, transitively.
 * A call through a function pointer (a call without a direct callee) may call any function of the
 * unit whose address is taken (named other than as the callee of a call: `ops.fn = on_msg`,
 * `register_cb(on_msg)`, a spawn's thread function; and, since initializers of globals are not
 * in the AST, every static function the bodies never name) whose type is compatible with the
 * call (acc_fn_compatible). A call with more than ACC_MAX_TARGETS candidates is left unresolved:
 * a guess among that many is more likely to invent a race than to find one.
 */
#ifndef FL_ACCESS_H
#define FL_ACCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/bitset.h"
#include "../frontend/ast.h"
#include "../ir/cfg.h"
#include "threads.h"

typedef struct acc_spawn {
    ast_node *call;
    thr_call tc;
    uint32_t func;        /* tu->funcs index of the function that contains the spawn */
    uint32_t block, elem; /* its position in that function's CFG */
    int32_t entry;        /* tu->funcs index of the thread function, -1 when not a function of the unit */
} acc_spawn;

typedef struct acc_thread {
    uint32_t func;   /* root function (tu->funcs index) */
    bool entry;      /* a spawned thread's function, else the spawning side */
    bool multiple;   /* an entry spawned at two sites or at a site inside a loop */
    ast_node *spawn; /* for entries: a spawn that starts it (the last one found when multiple) */
    fl_word *reach;  /* fl_bs_words(nfuncs) words: the functions it runs */
} acc_thread;

/* At most this many candidates for an indirect call, else it gets no edge. */
#define ACC_MAX_TARGETS 8

/* A call through a function pointer and the functions it may call. */
typedef struct acc_icall {
    ast_node *call;
    uint32_t func;      /* tu->funcs index of the function that contains the call */
    uint32_t *targets;  /* tu->funcs indices (with a CFG); none when unresolved */
    uint32_t ntargets;
    bool unresolved;    /* more than ACC_MAX_TARGETS candidates: no edge added */
} acc_icall;

typedef struct acc_threads {
    uint32_t nfuncs;
    acc_spawn *spawns;   /* every spawn of the unit, by function then block then element */
    uint32_t nspawns;
    uint32_t **calls;    /* calls[f]: callees of f with a CFG, direct ones and the targets of its
                            indirect calls (duplicates possible) */
    uint32_t *ncalls;
    bool *called;        /* called[f]: some other function of the unit calls f (directly or as a
                            target of an indirect call) */
    bool *addr_taken;    /* addr_taken[f]: f may be called through a pointer (see above) */
    acc_icall *icalls;   /* every indirect call of the unit, by function then block then element */
    uint32_t nicalls;
    acc_thread *threads; /* entries first (nentries), then the spawning side */
    uint32_t nthreads;
    uint32_t nentries;
} acc_threads;

/* The threads of the unit (cfgs[i] for tu->funcs[i], NULL when not analyzed), or NULL when the
   unit spawns no thread. Allocated in `arena`. */
acc_threads *acc_threads_build(fl_arena *arena, const ast_tu *tu, cfg *const *cfgs, const sum_table *sums);

/* The tu->funcs index of a spawn's thread function (`worker`, `&worker`, a cast of either), or -1. */
int32_t acc_spawn_entry(const ast_tu *tu, cfg *const *cfgs, const thr_call *tc);

/* True if an indirect call `call` (an AST_CALL; kids[0] the callee expression) may call the
   function c: as many arguments as parameters (at least as many when c is variadic), a void
   result exactly when the call's is void, and each argument of the parameter's kind (pointer,
   arithmetic, record); where an argument's type is known (a variable, field, element, `&x` of
   one), its pointee or record type must be the parameter's after stripping typedefs and
   qualifiers (`void *` matches any pointer). */
bool acc_fn_compatible(const ast_node *call, const ast_callee *c);

/* The entry thread (index in t->threads) whose root is function f, or -1. */
int32_t acc_entry_of(const acc_threads *t, uint32_t f);

#endif
