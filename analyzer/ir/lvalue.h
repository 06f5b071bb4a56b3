/* lvalue.h - how a function's code uses its lvalues: the kind of access each name, member and
 * dereference undergoes (read, write, or only its address taken), in one walk over a body; and
 * the struct field an lvalue's place ends in.
 *
 * Shared by the check of lock contracts (checks/unguarded_access.c) and the evidence for
 * suggesting them (facts/guards.h): both ask "which field or global is read or written here",
 * and must agree on the answer.
 *
 * The walk is top-down with a work stack, not recursion: generated code nests expressions as deep
 * as it likes. Assignments write their left side and read their right; `++`/`--` write; `&x` takes
 * x's address (no access); `s.f` accesses s as the member is accessed, `p->f` reads p; an element of
 * an array accesses the array, an element through a pointer reads the pointer.
 */
#ifndef FL_LVALUE_H
#define FL_LVALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "../frontend/ast.h"
#include "place.h"

/* LV_ADDR_CONST: only the address is taken, and handed to a call's parameter that points to const
   (`vlog_is_enabled(&this_module)`): the callee reads the object through it. */
typedef enum lv_kind { LV_NONE, LV_READ, LV_WRITE, LV_ADDR_CONST } lv_kind;

typedef struct lv_visitor {
    /* a name (AST_REF) or a member (AST_MEMBER), with the access it undergoes */
    void (*lvalue)(void *ctx, ast_node *n, lv_kind k);
    /* what a pointer points to: `*ptr`, `ptr->f` (deref is the member) or `ptr[i]` */
    void (*pointee)(void *ctx, ast_node *deref, ast_node *ptr, lv_kind k);
    /* a local given memory the function allocates (`p = malloc(...)`, `T *p = calloc(...)`) */
    void (*fresh)(void *ctx, ast_var *v);
    /* any lvalue given such memory (`p->next = xmalloc(...)`, a parameter), the declared local of
       `T *p = calloc(...)` as its AST_VAR node, or a `return malloc(...)` as the AST_RETURN node */
    void (*allocated)(void *ctx, ast_node *target);
    void *ctx;
} lv_visitor;

/* Walk root, whose own access is k0, calling the visitor's functions (any may be NULL). */
void lv_walk(ast_node *root, lv_kind k0, const lv_visitor *v);

/* A call of an allocation function (malloc, calloc, OVS's xmalloc...), casts stripped. */
bool lv_is_alloc_call(const ast_node *e);

/* An object private to the function: a local struct (not through a pointer), or memory it
   allocated itself and has not published yet (fresh: the locals lv_walk reported; initialization,
   as constructors do). */
bool lv_private(place obj, ast_var *const *fresh, size_t nfresh);

/* The field named [name, name+n) of record t, looking into unnamed struct and union members. */
ast_field *lv_field_of(ast_type *t, const char *name, size_t n);

/* A field declared const, through typedefs of its type (not one read through a pointer to const:
   `b->state` with `const struct bfd *b` is the same field its writers write). */
bool lv_field_const(const ast_field *f);

/* Walk p's path from its root's type: the record holding the last step (when it is a field)
   and that field; false when some step cannot be typed or the last step is no field. */
bool lv_last_field(place p, ast_type **rec, ast_field **fld);

#endif
