/* threads.h - recognizing the thread API: spawns, joins and detaches (pthreads and C11). */
#ifndef FL_THREADS_H
#define FL_THREADS_H

#include <stdbool.h>

#include "../base/arena.h"
#include "../frontend/ast.h"
#include "../ir/place.h"
#include "summary.h"

typedef enum thr_kind { THR_NONE, THR_SPAWN, THR_JOIN, THR_DETACH } thr_kind;

/* Where a spawn puts the new thread's handle. */
typedef enum thr_handle {
    THR_HANDLE_PTR,      /* `handle` points to it (pthread_create's first argument) */
    THR_HANDLE_RESULT,   /* the call's value is the handle (a wrapper returning pthread_t) */
    THR_HANDLE_DETACHED, /* nowhere: the thread can never be joined (a wrapper that detaches) */
    THR_HANDLE_HIDDEN,   /* somewhere the caller cannot name */
} thr_handle;

typedef struct thr_call {
    thr_kind kind;
    const char *api;  /* "pthread_create", "thrd_join", or the wrapper's name */
    ast_node *handle; /* spawn: the pointer to the handle (`&t`); join/detach: the handle (`t`) or,
                         for a wrapper, the argument that holds or points to it */
    ast_node *func;   /* spawn: the thread function (NULL if a wrapper hides it) */
    ast_node *arg;    /* spawn: the thread argument (NULL if a wrapper hides it) */
    bool moved;       /* spawn: the argument is moved into the thread (fl_move, MOVE parameter) */
    bool via_wrapper; /* classified from a summary or annotations, not the thread API itself */
    thr_handle handle_kind; /* spawn only */
    const char *handle_path; /* wrapper: path from the argument's value to the handle ("*.tid") */
} thr_call;

/* Classify an AST_CALL node, wrappers by their summaries in `sums` (may be NULL: the API
   only); THR_NONE for anything else. Every spawn API reports success
   by returning 0 (pthread_create's 0, C11's thrd_success); wrappers too are assumed to. */
thr_call thr_classify(const sum_table *sums, const ast_node *call);

/* The function a once call runs: `pthread_once(&once, init)` and C11's `call_once(&flag, init)`
   call init (the first time), as a call of it would; NULL for any other call. */
const ast_callee *thr_once_routine(const ast_node *call);

/* The expression whose value a spawn's argument passes, casts stripped: the argument itself;
   x of `fl_move(x)`; and argument i of a call to a function of this unit that returns its
   parameter i unchanged on every path (`conn_retain(c)` for `conn_t *conn_retain(conn_t *c) {
   c->refs++; return c; }`), a few such calls deep. NULL for NULL. */
ast_node *thr_arg_object(ast_node *arg);

/* The function an expression names (`worker`, `&worker`, a cast of either), as a spawn's
   function argument does; NULL for anything else (a pointer variable, a field). */
const ast_callee *thr_named_fn(ast_node *e);

/* A function that waits on a condition variable, giving its mutex up meanwhile
   (pthread_cond_wait, its timed and clock forms, cnd_wait, cnd_timedwait). */
bool thr_is_cond_wait(const char *name);
/* A function that wakes a condition variable's waiters (pthread_cond_signal and _broadcast,
   cnd_signal, cnd_broadcast). */
bool thr_is_cond_signal(const char *name);
/* An atomic subtraction, C11's or GCC's (`atomic_fetch_sub`, `__atomic_sub_fetch`,
   `__sync_fetch_and_sub`...), by the name of its call or builtin. */
bool thr_is_atomic_sub(const char *name);
/* Whether name is GCC's __sync builtin `base`, with or without the operand size clang appends to
   its name (`__sync_fetch_and_sub_4`). */
bool thr_sync_name(const char *name, const char *base);

/* The place of the handle a spawn stores (THR_HANDLE_PTR) or a join/detach uses, composing a
   wrapper's handle_path with the argument; {NULL, NULL} when it cannot be named. */
place thr_handle_place(fl_arena *arena, const thr_call *tc);

/* The place reached from the value of `arg` by `path` (summary.h's handle_path syntax):
   `&w` + "*.tid" is {w, ".tid"}, `wp` + "*.tid" is {wp, "*.tid"}, `t` + "" is {t, ""}, an array
   `ts` + "*[*]" is {ts, "[*]"}. {NULL, NULL} when arg is not a place we can name. */
place thr_compose_path(fl_arena *arena, ast_node *arg, const char *path);

/* A thread start function that only forwards to a function and an argument it finds in the
   object it is given: `aux = *auxp; ...; return aux.start(aux.arg);` (OVS's ovsthread_wrapper),
   or through locals: `start = aux->start; arg = aux->arg; free(aux); return start(arg);`.
   A spawn of it with an object whose fields the spawner fills from its parameters is a spawn of
   those: facts/summary.c makes the spawner a spawn wrapper. True with the two field names.
   Scratch space in `arena`. */
#include "../ir/cfg.h"
bool thr_trampoline(fl_arena *arena, const ast_func *fn, const cfg *g, const char **fn_field, const char **arg_field);

#endif
