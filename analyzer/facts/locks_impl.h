/* locks_impl.h - what the parts of the lock facts share (facts/locks*.c only; see locks.h).
 *
 *   locks.c         the lock API, the unit, lock helper summaries bottom-up, mutex kinds
 *   locks_annots.c  types along a place's path, and annotations' lock expressions
 *   locks_fn.c      one function: its locksets (a dataflow over lock events), replays, cursors
 *   locks_handmade.c  spinlocks on atomic words, semaphores from a mutex and a condition variable
 */
#ifndef FL_LOCKS_IMPL_H
#define FL_LOCKS_IMPL_H

#include "locks.h"

struct lock_unit {
    fl_arena *A;
    const ast_tu *tu;
    cfg *const *cfgs;
    lock_fn **fns;          /* per tu->funcs index */
    lock_summary **sums;    /* per tu->funcs index: computed summaries */
    uint8_t *state;         /* 0 not visited, 1 in progress, 2 done */
    lock_summary **ann;     /* per callee index: what its annotations say about locks, or NULL */
    const lock_summary *const *imported; /* per callee index: what another unit's definition does */
    fl_word *const *stable; /* lock_imports.stable */
    uint32_t nstable;
    lock_summary **sem;     /* per tu->funcs index: a semaphore's down or up, or NULL (no array: none) */
    bool *nonplain_fn;      /* per function: it names a non-plain mutex kind */
    bool recursive;         /* a function names a recursive mutex kind */
    bool nonplain;          /* ... or any non-plain kind, or a global is initialized as one */
    const ast_var **plain;  /* when nonplain: file-scope mutexes plain all the same */
    uint32_t nplain;        /* (find_plain_mutexes) */
    uint32_t *fn_of_callee; /* per callee index: the function defining it + 1, or 0 */
    bool *thread_start;     /* per function: a thread's start the unit spawns and never calls */
    bool *called;           /* per function: some function of the unit calls it directly */
    lock_call_ref *calls_to; /* the direct calls of the unit's functions, grouped by callee: */
    uint32_t *calls_first;  /* function i's are calls_to[calls_first[i] .. calls_first[i + 1]) */
    lock_take **takes;      /* per function: the locks a call of it may take (locks_takes.c) */
    uint32_t *ntakes;
};

/* Fill takes/ntakes, once the functions' analyses are built. */
void locks_compute_takes(lock_unit *u);

/* A try annotation's success value: `try_acquire_capability(true, mu)` acquires when the call
   returns non-zero, `(0, mu)` when it returns zero. */
bool locks_success_nonzero(const char *v);
/* The semaphores' downs and ups among the unit's functions (locks_handmade.c): per function, a
   soft acquire or release of the semaphore its parameter points to, or NULL; NULL when none. */
lock_summary **locks_semaphores(lock_unit *u);

#endif
