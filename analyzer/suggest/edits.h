/* edits.h - the source edits proposals carry (--export-fixes, --fix): an annotation before a
 * function's definition, and `#include "fearless.h"` once per file that lacks it. */
#ifndef FL_SUGGEST_EDITS_H
#define FL_SUGGEST_EDITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/strmap.h"
#include "../base/vec.h"
#include "../diag/diag.h"
#include "../diag/sink.h"
#include "../frontend/ast.h"

/* The edit that includes fearless.h in file (whose text is text[0, len)), once per file of a run
   (`included` lists the files given it) and only where the file does not include it yet. */
void sg_include_edit(diag *g, uint32_t file, const char *text, size_t len, fl_u32_vec *included);

/* A lock expression an annotation can carry: identifiers joined by `.`, `->` and `*` (not a path
   through an anonymous struct or union, which has no name to write). */
bool sg_writable(const char *expr);

/* Annotate fn's definition with FL_<contract> (`contract` is "REQUIRES(s->mu)"): an edit before
   its first token when that begins a line, else a help that says where. */
void sg_contract_edit(diag *g, const ast_func *fn, const char *contract, diag_sink *sink, fl_u32_vec *included);

/* The first time fn is met in the run (`seen` remembers): a function a header defines is in every
   unit that includes it, and is proposed once. */
bool sg_first_time(fl_strmap *seen, fl_arena *A, const ast_func *fn);

#endif
