/* sendsync.h - Rust's Send and Sync for C types: from annotations, or derived from the fields. */
#ifndef FL_SENDSYNC_H
#define FL_SENDSYNC_H

#include <stdbool.h>

#include "../base/arena.h"
#include "../frontend/ast.h"

typedef enum ss_trait { SS_SEND, SS_SYNC } ss_trait;

/* One step of the explanation why a type lacks a trait, outermost first: the type, and the
   field (or pointee / element / typedef target) through which the missing trait came, ending
   at the type whose annotation (or built-in rule) decides. */
typedef struct ss_step {
    const ast_type *type;
    const ast_field *field; /* the field of `type` leading to the next step, or NULL */
} ss_step;

typedef struct ss_why {
    ss_step *steps; /* arena-owned */
    unsigned nsteps;
} ss_why;

/* Whether `t` has the trait. When it does not and `why` is non-NULL, fill the chain that explains
   it (arena-owned). Results are memoized per type; recursive types are handled. */
bool ss_has(fl_arena *arena, const ast_type *t, ss_trait trait, ss_why *why);

#endif
