/* place.h - canonical lvalue paths: `s->mu` and `(*s).mu` are the same place. */
#ifndef FL_PLACE_H
#define FL_PLACE_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/arena.h"
#include "../frontend/ast.h"

/* A place is a root variable and a path of steps written as text:
 *   "*"      dereference (also p[0] and p->)
 *   ".f"     field f
 *   "[*]"    some element of an array (index not a constant)
 *   "[3]"    element 3 (constant index)
 * e.g. `w->tid` is {w, "*.tid"}, `t[i]` is {t, "[*]"}, `&t[2]` as a pointer is not a place. */
typedef struct place {
    ast_var *root; /* NULL: not a place we can name */
    const char *path; /* "" for the variable itself; arena-owned */
} place;

/* The place an lvalue expression denotes, or {NULL, NULL} (calls, unknown bases...). */
place place_of(fl_arena *arena, ast_node *lvalue);
/* The place `*ptr_expr` denotes when ptr_expr is `&lvalue` (or an array decaying);
   e.g. for `&t` the place t, for `&w->tid` {w, "*.tid"}, for `&t[i]` {t, "[*]"}. */
place place_of_pointee(fl_arena *arena, ast_node *ptr_expr);

/* An lvalue through the pointer a call returns (`*get()`, `get()->hits`, `stats_of(c)->n[1]`):
   its path from the call ("*", "*.hits", "*.n[1]"), with *call the call; NULL for anything else. */
const char *place_path_from_call(fl_arena *arena, ast_node *lvalue, ast_node **call);
bool place_equal(place a, place b);
/* True if a may name the same object as b, with "[*]" matching any index. */
bool place_may_alias(place a, place b);
/* p with `steps` appended to its path ("*.tid"); {NULL, NULL} when p has no root. */
place place_append(fl_arena *arena, place p, const char *steps);
/* True when a path goes through a pointer: a "*" step (not the "[*]" of an unknown index). */
bool place_path_derefs(const char *path);
/* The length of the path step at s: "*", "[3]", "[*]" or ".field". */
size_t place_step_len(const char *s);
/* The C spelling of a place ("w->tid", "t[_]"), arena-owned, for messages. */
const char *place_str(fl_arena *arena, place p);

#endif
