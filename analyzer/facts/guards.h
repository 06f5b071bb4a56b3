/* guards.h - the evidence for GUARDED_BY: at every read and write of a struct field or a global,
 * the locks held there, named as the declaration would name them.
 *
 * For `p->n` with `p->mu` held on every path to it, the candidate is the sibling field `mu` of
 * n's record ("f:mu"); with a global lock `stats_mutex` (or a lock inside a global, `cfg.mu`) held,
 * the candidate is that global ("g:stats_mutex", "g:cfg.mu"). A lock reached through another
 * object (`parent->mu` guarding `child->n`) has no name a declaration of n could use: it is not a
 * candidate. Each access also says which candidates its function locks anywhere (on that object):
 * an access without a lock its own function takes elsewhere is evidence against that lock (the
 * likely bug), while an access in a function that never takes it says nothing (its callers may
 * hold it).
 *
 * An address taken (`&t->map` handed to hmap_insert()) is an access too, a write: the callee
 * reads and writes the object through it.
 *
 * Left out: objects private to the function (local structs, memory it allocated and has not
 * published: constructors), functions marked no_thread_safety_analysis, fields and globals whose
 * type is a lock, and accesses in functions whose lock operations cannot all be named. The
 * declaration's key is the same in every unit of a run: a field by its record's declaration (file
 * and offset) and name, a global by its name (a `static` one by its file too).
 *
 * Built on demand (fearless --suggest), from the unit's CFGs and lock facts (facts/locks.h).
 */
#ifndef FL_GUARDS_H
#define FL_GUARDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../base/arena.h"
#include "../frontend/ast.h"
#include "../ir/cfg.h"
#include "locks.h"

/* In a candidate or a frame place, a `static` global lock's name is followed by this byte and
   its file (`mutex` of lib/a.c and `mutex` of lib/b.c are two locks). */
#define GD_FILE_MARK '\x01'

typedef struct gd_access {
    const char *decl;        /* the declaration's key (above) */
    const char *name;        /* the field's or global's name */
    const char *record;      /* the record's name ("struct job") for a field; NULL for a global */
    const char *rec_key;     /* the record's key ("r:<file>:<offset>") for a field, else NULL */
    const ast_type *rec_type;/* ... and the record itself */
    fl_span decl_span;       /* the field's or global's name in its declaration */
    const ast_type *type;    /* the field's or global's type */
    bool annotated;          /* the declaration already says guarded_by */
    const ast_node *at;      /* the access */
    const char *fn;          /* the function it is in */
    const ast_func *func;    /* ... itself */
    const char *fkey;        /* ... and its key (gd_call) */
    bool write;
    bool by_address;         /* only its address is taken (handed to a callee): no access the
                                checks see, though it is evidence */
    bool pointee;            /* an access to what the pointer field or global points to (`q->buf[i]`),
                                the evidence for PT_GUARDED_BY: decl is "p" + the pointer's key, type
                                the pointee's */
    const char **held;       /* candidates held on every path to it */
    uint32_t nheld;
    const char **taken;      /* candidates its function locks somewhere */
    uint32_t ntaken;
    /* the candidates among held that only the function's callers hold (its entry locks), each with
       the lock as the function would name it in a REQUIRES (`s->mu`, `mutex`) */
    const char **entry;
    const char **entry_expr;
    const char **entry_frame; /* ... and as the entry locks name it ("P0|*.mu", gd_entry) */
    uint32_t nentry;
} gd_access;

typedef struct gd_unit {
    gd_access *acc;
    uint32_t n;
    /* the records this unit allocates on the heap (`T *p = malloc(...)`, by the record's key
       "r:<file>:<offset>") or defines globals of: records whose objects can be shared at all */
    const char **shared_records;
    uint32_t nshared;
} gd_unit;



/* ---- locks held on entry: what every caller holds -------------------------------------------
 *
 * A function that never takes a lock itself may still run with it held at every call: Open
 * vSwitch writes that as OVS_REQUIRES(mutex) on its helpers, code without annotations only does
 * it. The calls of a run say so: at each call, the locks held there (taken by the caller, or held
 * on the caller's own entry), translated into the callee's frame: a global lock stays itself
 * ("g:mutex"), a lock reached through an argument becomes one through the callee's parameter
 * ("p0:*.mu" for `dp->mu` when `dp` is passed first). A function's entry locks are those held at
 * every one of its calls in the run (none when its address is taken, or nothing calls it),
 * computed to a fixed point from the callers' own entry locks (suggest/guarded_by.c). */

/* A call with a direct callee. Functions are keyed by name, a `static` one by file and name. */
typedef struct gd_call {
    const char *caller, *callee;
    const ast_func *caller_fn;
    const char **held;       /* locks held on every path to the call, in the caller's frame */
    uint32_t nheld;
    const char **args;       /* per callee parameter: what the argument points to in the caller's
                                frame ("p1:*", "p0:*.sub", "g:table"), or NULL */
    uint32_t nargs;
} gd_call;

typedef struct gd_calls {
    gd_call *calls;
    uint32_t n;
    const char **taken;      /* functions whose address the unit takes */
    uint32_t ntaken;
    const char **defined;    /* the functions the unit defines (tu->funcs order, main file's) */
    uint32_t ndefined;
} gd_calls;

gd_calls *gd_calls_build(fl_arena *A, const ast_tu *tu, cfg *const *cfgs, const lock_unit *locks, const char *file);

/* A lock in the caller's frame translated to the callee's through the call's arguments (NULL:
   it cannot be named there). */
const char *gd_translate(fl_arena *A, const gd_call *c, const char *lock);

/* A lock in a function's frame ("P0|*.mu", "Gmutex|") as the function's code names it (`s->mu`,
   `mutex`), or NULL. */
const char *gd_frame_text(fl_arena *A, const ast_func *fn, const char *frame);

/* The locks held on entry of a function (by its key), or none. */
typedef struct gd_entry {
    const char **(*lookup)(void *ctx, const char *fn_key, uint32_t *n);
    void *ctx;
} gd_entry;

/* The evidence of one unit (cfgs[i] for tu->funcs[i]; locks may be NULL: no lock anywhere);
   `entry` (may be NULL) gives the locks held on entry of its functions. */
gd_unit *gd_unit_build(fl_arena *A, const ast_tu *tu, cfg *const *cfgs, const lock_unit *locks, const char *file,
                       const gd_entry *entry);

/* The lock object a lock place lies in, as the code names it: `rc->mutex` for Open vSwitch's
   `rc->mutex.lock` (the pthread mutex inside a struct ovs_mutex, which its lock functions take). */
place gd_outer_lock(fl_arena *A, place lk);

/* A lock object itself (its accesses are the locking): pthread_mutex_t, an rwlock, a spinlock, a
   project's own mutex type. */
bool gd_is_lock_type(const ast_type *t);

/* A type that synchronizes itself: annotated SYNC, a lock, holding a lock by value at any depth,
   or made of atomic integers only (a reference count). */
bool gd_self_synchronized(const ast_type *t);

/* The file of the `static` global lock a candidate or a frame place names (the number after
   GD_FILE_MARK), in *file; false for any other lock. */
static inline bool gd_static_lock_file(const char *cand, uint32_t *file)
{
    const char *mark = cand ? strchr(cand, GD_FILE_MARK) : NULL;
    if (mark)
        *file = (uint32_t)strtoul(mark + 1, NULL, 10);
    return mark != NULL;
}

/* The text of a candidate for messages, in buf: without its "f:"/"g:" kind, and without the
   file that tells a `static` global lock from another file's lock of the same name. */
static inline const char *gd_lock_text(const char *cand, char *buf, size_t n)
{
    size_t i = 0;
    for (cand += 2; n && *cand && *cand != GD_FILE_MARK && i + 1 < n; cand++)
        buf[i++] = *cand;
    if (n)
        buf[i] = 0;
    return buf;
}

#endif
