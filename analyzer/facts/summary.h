/* summary.h - what a function does with its parameters, so that calls to it count as spawns,
 * joins and moves: spawn and join wrappers, functions that take ownership.
 *
 * Computed bottom-up over the unit's call graph (to a fixed point for recursion) for every
 * function with a body in the main file, and taken from annotations (FL_THREAD_FN,
 * FL_THREAD_ARG, FL_THREAD_HANDLE, FL_JOINS, FL_MOVE, FL_SENDS) for prototypes. */
#ifndef FL_SUMMARY_H
#define FL_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/span.h"
#include "../frontend/ast.h"
#include "../ir/cfg.h"

/* fn_summary.param[i] */
enum {
    SUMP_SPAWN_HANDLE = 1 << 0,    /* points to where a spawned thread's handle is stored */
    SUMP_SPAWN_FN = 1 << 1,        /* is the function a spawned thread runs */
    SUMP_SPAWN_ARG = 1 << 2,       /* reaches a spawned thread's argument, borrowed */
    SUMP_SPAWN_ARG_MOVED = 1 << 3, /* ... moved into it (fl_move, a MOVE parameter) */
    SUMP_JOINS = 1 << 4,           /* the thread whose handle it holds or points to is joined */
    SUMP_MOVES = 1 << 5,           /* moved or freed on every path that returns */
    SUMP_MAY_MOVE = 1 << 6,        /* moved or freed on some path */
    SUMP_SENDS = 1 << 7,           /* moved to where another thread may take it (FL_SENDS) */
    SUMP_FREES = 1 << 8,           /* freed on every path that returns (with SUMP_MOVES): calls
                                      to the function are MOVE_FREED for this argument */
};

typedef enum sum_handle {
    SUM_HANDLE_NONE,     /* the function spawns no thread fed by a parameter */
    SUM_HANDLE_PARAM,    /* the handle goes where a SUMP_SPAWN_HANDLE parameter points */
    SUM_HANDLE_RETURNED, /* the handle is the return value (`pthread_t t = spawn(fn, arg)`) */
    SUM_HANDLE_DETACHED, /* the thread is detached or its handle is dropped: it is never joined */
    SUM_HANDLE_HIDDEN,   /* the handle is stored somewhere the caller cannot name (a global, the heap) */
} sum_handle;

typedef struct fn_summary {
    uint32_t nparams;
    uint16_t *param;           /* SUMP_* per parameter */
    /* For SUMP_SPAWN_HANDLE and SUMP_JOINS parameters: the path from the parameter's value to the
       handle, in ir/place.h's syntax ("*" for `pthread_t *t`, "*.tid" for `struct worker *w`,
       "" for a `pthread_t` passed by value); NULL for other parameters. */
    const char **handle_path;
    sum_handle handle;
    bool joins_any;            /* it (or a function it calls) joins some thread, or waits on a
                                  condition variable, semaphore or barrier (perhaps for threads
                                  to finish): a call to it may end a thread it can reach */
    bool from_annotations;     /* stated on a prototype rather than computed from a body */
    /* For spawn wrappers computed from a body: the thread API call (pthread_create...) that
       starts the thread, followed through nested wrappers (and into other units), for
       messages; spawn_api NULL otherwise. */
    const char *spawn_api;
    fl_span spawn_span;
} fn_summary;

/* The summaries of a unit's callees: what a call to each does, from its annotations, its
   definition in the unit, or what other units said of it (imports). */
/* A parameter that a queue hands to a thread which frees it (facts/channels.h): `push` links
   it into its container on every path, and `consumer`, run by a thread, frees what `pop` takes
   out of that container. */
typedef struct sum_sender {
    const ast_callee *push;
    uint32_t param;
    const ast_var *queue;      /* push's parameter that points to the container, or the global that is it */
    const ast_node *store;     /* the store in push that links the parameter in */
    const ast_callee *pop;     /* NULL: the consumer takes elements out in place (`j = p->head;`) */
    const ast_type *cont;      /* ... from a container of this record */
    const ast_func *consumer;
    const ast_node *free_call; /* the consumer's call that frees what pop returned */
    bool refuses;              /* push may refuse instead (`return -1;`): the element stays with the
                                  caller where the call's result is non-zero */
} sum_sender;

typedef struct sum_table {
    const ast_tu *tu;
    const fn_summary **of; /* per callee index (ast_callee.index); NULL: nothing to say */
    const sum_sender *senders; /* inferred senders of the unit, `nsenders` of them */
    uint32_t nsenders;
} sum_table;

/* The summary of a call to c, or NULL (also for a NULL table or callee). */
const fn_summary *sum_of(const sum_table *t, const ast_callee *c);

/* Compute the summaries of the unit into `out`: cfgs[i] is the CFG of tu->funcs[i];
   imported[i] (may be NULL, as may the array) is what other units computed for callee i when
   this unit has no definition of it: it is merged with the callee's own annotations. Allocates
   in `arena`. */
void summary_compute(fl_arena *arena, const ast_tu *tu, cfg *const *cfgs, const fn_summary *const *imported,
                     sum_table *out);

/* a and b together: flags of both, a's handle path where it has one, the handle kind they agree
   on (HIDDEN when they disagree). NULL when both are NULL. Allocates in `arena`. */
fn_summary *summary_merge(fl_arena *arena, const fn_summary *a, const fn_summary *b);

/* True when s says nothing. */
bool summary_empty(const fn_summary *s);

#endif
