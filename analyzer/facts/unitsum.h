/* unitsum.h - the summary of a unit: what other units need to know about the functions it
 * defines, as plain data (names, flags, paths and spans, no pointer into the unit's syntax tree
 * or facts), so that it outlives them, can be compared between rounds of linking, and can be
 * written to disk and read back (facts/sumfile.h).
 *
 * For every function the unit defines with external linkage:
 *  - what a call to it does with its parameters (facts/summary.h: spawn and join wrappers,
 *    moves and frees), and
 *  - the locks it acquires or releases for its caller (facts/locks.h's lock helper summaries),
 *    each named by a parameter and a path, or by a global object and a path.
 *
 * A global named by a lock effect keeps its linkage: an external global is the same object in
 * every unit that declares it; a `static` one belongs to the defining file and is told apart
 * from any other of the same name by that file.
 */
#ifndef FL_UNITSUM_H
#define FL_UNITSUM_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/span.h"

typedef struct us_lock {
    uint8_t op;             /* lock_op: LOCK_ACQUIRE, LOCK_ACQUIRE_SHARED, LOCK_RELEASE, LOCK_TRY,
                               LOCK_TRY_SHARED or LOCK_MAYBE */
    bool success_nonzero;   /* tries: the function returns non-zero when it acquired */
    bool soft;              /* a hand-made lock (locks.h) */
    bool tried;             /* held on return only by a trylock's success (lock_effect.tried) */
    bool waits;             /* a try that waits for the lock (lock_effect.waits) */
    int32_t param;          /* the lock is reached from this parameter's value, or -1 */
    const char *global;     /* ... or lives in this global object (param == -1) */
    const char *global_file;/* for a `static` global: the display path of the file defining it; NULL
                               for a global with external linkage */
    fl_span global_span;    /* the global's declaration (no file when unknown) */
    const char *path;       /* the place path from the parameter's value, or inside the global */
    fl_span site;           /* the lock call inside the helper, or no file */
} us_lock;

typedef struct us_fn {
    const char *name;       /* the linkage name */
    fl_span span;           /* the definition's name */
    /* What a call does with its parameters (fn_summary's fields); nparams == 0 and handle ==
       SUM_HANDLE_NONE when it does nothing worth saying. */
    uint32_t nparams;
    uint16_t *param;        /* SUMP_* per parameter */
    const char **handle_path;
    uint8_t handle;         /* sum_handle */
    bool joins_any;         /* it, or a function it calls, joins some thread */
    bool starts;            /* it may return while threads it started are still running */
    const char *spawn_api;  /* the thread API call the function reaches, for messages, or NULL */
    fl_span spawn_span;
    us_lock *locks;         /* the locks a call acquires or releases */
    uint32_t nlocks;
    bool nonplain;          /* it names a recursive, error-checking or robust mutex kind: callers may
                               lock such mutexes twice on purpose */
    uint64_t hash;          /* of everything above but the spans: equal hashes, equal effects */
} us_fn;

typedef struct us_unit {
    fl_arena *arena;        /* owns the summary and every string in it */
    const char *file;       /* display path of the unit's main file */
    us_fn *fns;             /* sorted by name, one per name (heap array) */
    uint32_t nfns, cap;
} us_unit;

/* A new, empty summary of the unit whose main file is `file`; add functions with us_add_fn,
   then call us_finish. */
us_unit *us_new(const char *file);
/* A function entry to fill (strings and arrays must be allocated in u->arena); valid until the
   next us_add_fn. */
us_fn *us_add_fn(us_unit *u, const char *name);
/* Sort the functions and compute their hashes. */
void us_finish(us_unit *u);
void us_free(us_unit *u);

/* The function of that name, or NULL. */
const us_fn *us_find(const us_unit *u, const char *name);


#endif
