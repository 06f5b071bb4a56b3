/* sendsync.h - Rust's Send and Sync for C types: from annotations, or derived from the fields.
 *
 * The rules (docs/checks/not-send.md has the user's version):
 *  - An annotation decides: FL_SEND / FL_NOT_SEND (FL_SYNC / FL_NOT_SYNC) on a struct, union or
 *    typedef. Walking from the outside in, the first annotated layer wins: a typedef annotated
 *    SEND over a NOT_SEND struct is Send (C's `unsafe impl Send`). SEND beats NOT_SEND on the
 *    same layer (precision first: the user asserted it).
 *  - pthread and C11 synchronization objects (pthread_mutex_t, sem_t, mtx_t, ...), recognized by
 *    typedef name anywhere in the typedef chain, are Send and Sync.
 *  - Scalars, enums, atomics, function pointers, void, incomplete (opaque) records and anything
 *    else that is plain data are Send and Sync.
 *  - Typedefs, arrays and pointers have the trait when their target, element or pointee has it;
 *    a struct or union when every field has it. A record that is still being decided when it is
 *    met again (a recursive type) is assumed to have it: the co-inductive answer Rust gives.
 */
#ifndef FL_SENDSYNC_H
#define FL_SENDSYNC_H

#include <stdbool.h>

#include "../base/arena.h"
#include "../frontend/ast.h"

typedef enum ss_trait { SS_SEND, SS_SYNC } ss_trait;

/* The unit's memo of decided answers (per type id, ast_type.id < ntypes). */
typedef struct ss_table ss_table;
ss_table *ss_table_new(fl_arena *arena, uint32_t ntypes);

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
   it (owned by the table's arena). Results are memoized per type in `tb`; recursive types are
   handled. NULL `t` (unknown type) has every trait. */
bool ss_has(ss_table *tb, const ast_type *t, ss_trait trait, ss_why *why);

/* "Send" or "Sync". */
const char *ss_trait_name(ss_trait trait);

/* The last step of a chain: the type that decides (annotated NOT_SEND / NOT_SYNC). */
const ast_type *ss_culprit(const ss_why *why);

/* The ast_type of an expression when the tree tells it (a variable, `&lvalue`, `*p`, a field, an
   element, a call's result, through parentheses, casts and fl_move(x)); NULL when unknown. Casts
   are looked through because the interesting type is the one before `(void *)`. */
ast_type *ss_expr_type(const ast_node *e);

/* t without its typedef layers (NULL stays NULL). */
const ast_type *ss_strip_typedefs(const ast_type *t);

/* The object a pointer-typed expression type points to (typedefs of pointers looked through);
   NULL when `t` is not a pointer. */
const ast_type *ss_pointee(const ast_type *t);

#endif
