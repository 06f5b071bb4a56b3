/* annots.h - annotations as typed values: the raw texts the frontend keeps (ast_annots:
 * "requires:s->mu, g_lock") parsed once, by one table (annots.def): a new annotation is one row.
 * Arguments are split at top-level commas and trimmed; a text that names no known annotation is
 * ignored (another tool's, or a newer fearless's). */
#ifndef FL_ANNOTS_H
#define FL_ANNOTS_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/arena.h"
#include "../base/span.h"
#include "../frontend/ast.h"

typedef enum an_kind {
#define ANNOT(kind, text) AN_##kind,
#include "annots.def"
#undef ANNOT
    AN_COUNT
} an_kind;

typedef struct an_item {
    an_kind kind;
    const char **args;  /* trimmed arguments ("s->mu", "g_lock"), arena-owned */
    uint32_t nargs;
    fl_span span;       /* where it is written, when known */
} an_item;

typedef struct an_list {
    an_item *items;
    uint32_t n;
} an_list;

/* The annotations of a declaration, typed (arena-owned). */
an_list an_parse(fl_arena *arena, ast_annots raw);
/* The first annotation of that kind, or NULL. */
const an_item *an_find(const an_list *l, an_kind kind);
/* Whether the raw texts hold an annotation of that kind (no allocation). */
bool an_has(ast_annots raw, an_kind kind);
/* The text of a kind ("requires"). */
const char *an_text(an_kind kind);

#endif
