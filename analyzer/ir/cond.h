/* cond.h - reading branch conditions and call results: which value a condition tests, and
 * where a call's result is stored. Shared by every check that treats a call's status
 * (pthread_create, realloc, trylock) differently on its success and failure branches.
 *
 * All functions are pure reads of the AST/CFG; only cond_result_place allocates (the place's
 * path, in the arena it is given). */
#ifndef FL_COND_H
#define FL_COND_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../frontend/ast.h"
#include "cfg.h"
#include "place.h"

/* True if e (through parentheses and casts) is a zero that a status or pointer is compared
   with: the literals 0, 0L, 0U (NULL expands to a cast 0) or an enumerator worth 0 (C11's
   thrd_success). */
bool cond_is_zero(const ast_node *e);
/* True if e is an integer constant known not to be zero: a literal (`1`, `-1`, `0x10`), or an
   enumerator worth something else than 0 (`UV_EBUSY`, `EBUSY` when an enum). */
bool cond_is_nonzero_constant(const ast_node *e);

/* Strips what does not change which value is tested for non-zero: parentheses, casts, `!x`,
   `x == 0`, `x != 0`, `0 != x`, `x == NULL`... and returns the value under them (NULL for a
   NULL c). *true_means_zero is FLIPPED once per negation stripped (`!`, `==`), so the caller
   starts it at false; it is then true when the condition holds exactly if the value is zero.
   Stops at an assignment: see cond_tested_value to look through it. */
ast_node *cond_strip_zero_tests(ast_node *c, bool *true_means_zero);

/* The value a branch condition tests for non-zero, as cond_strip_zero_tests, and also through
   assignments: `(rc = pthread_create(...)) != 0` and `!(tmp = realloc(...))` test the call
   (the right-hand side when it is a call), `(rc = other)` tests the assigned lvalue rc.
   Sets *true_means_zero (no need to initialize it). NULL only for a NULL c. */
ast_node *cond_tested_value(ast_node *c, bool *true_means_zero);

/* The place the result of `call`, evaluated at element `at` of block b, is stored in: the
   variable a declaration initializes with it (`pthread_t t = xspawn(...)`) or the lvalue an
   assignment stores it to (`w->tid = xspawn(...)`), looked for after the call in its block.
   {NULL, NULL} when the result is not stored (a call statement, an argument...). */
place cond_result_place(fl_arena *arena, const cfg_block *b, uint32_t at, const ast_node *call);

/* The value a CFG element stores into a variable: for a declaration with an initializer the
   initializer (*var = the declared variable), for an assignment expression the right-hand
   side (*var = the assigned variable, or NULL when the left-hand side is not a plain
   variable). NULL (and *var NULL) for any other element. The value is returned as written,
   casts not stripped. */
ast_node *cond_stored_value(const cfg_elem *el, ast_var **var);

/* The lvalue a CFG element assigns or steps (`x = ...`, `cfg.n += 2`, `p->n++`; parentheses
   stripped), or NULL. */
ast_node *cond_written_lvalue(const cfg_elem *el);
/* The same for an expression node anywhere in a tree (an assignment or a step), or NULL. */
ast_node *cond_node_written_lvalue(const ast_node *n);

/* The variable a CFG element writes as a whole (`v = ...`, `v += ...`, `v++`), or NULL: not a
   declaration, and not a write through it or into one of its fields. */
const ast_var *cond_written_var(const cfg_elem *el);

/* A variable of fn (fn->vars) that the element writes as a whole: declared with an initializer,
   assigned, or stepped (`+=`, `++`); *val is the value cond_stored_value gives for it, NULL
   where it gives none (`++`). NULL for any other element. */
const ast_var *cond_local_write(const ast_func *fn, const cfg_elem *el, ast_node **val);

/* Locals of fn defined once (an initializer or one assignment) and never written otherwise nor
   address-taken: defs[v->index] is that value, else NULL. One pass over the CFG. */
ast_node **cond_single_defs(fl_arena *A, const ast_func *fn, const cfg *g);
/* The value of e when it names such a local (defs from cond_single_defs), else NULL. */
ast_node *cond_def_of(const ast_func *fn, ast_node *const *defs, ast_node *e);
/* Every value local v of fn is given (its initializer, plain assignments), as written, in CFG
   order: an array in A, *n of them; NULL when v is stepped (`p++`, `p += n`), its address is
   taken, or it is no local of fn. *bare: v is declared without a value. One pass over the CFG. */
ast_node **cond_local_defs(fl_arena *A, const ast_func *fn, const cfg *g, const ast_var *v, uint32_t *n,
                           bool *bare);

#endif
