/* fixit.h - suggested replacements made concrete, and the edits of a run.
 *
 * A check that knows the mechanical fix of a finding attaches it to its help: a replacement of
 * a span (diag_help_replace), or a statement to insert before another (diag_help_insert_stmt:
 * `pthread_mutex_unlock(&m);` before the `return` that leaks the lock). Only fixes that need no
 * judgment are attached; the rest stay words in the help.
 *
 * A statement insertion becomes an edit only where the text makes it safe: the statement it goes
 * before begins its line (only blanks before it), and what precedes it (comments skipped) ends a
 * statement, a block or a label (`;`, `{`, `}`, `:`). `if (err) return -1;` (on one line or
 * two) gets no edit: an unlock inserted before it would run on both paths. The edit inserts the
 * statement, with that line's indentation, at the start of the line.
 *
 * The edits of the reported findings serve three outputs: the human and JSON renderers (the
 * child's span and replacement), SARIF's `fixes`, `--export-fixes` (clang-apply-replacements'
 * YAML) and `--fix`.
 */
#ifndef FL_FIXIT_H
#define FL_FIXIT_H

#include <stddef.h>
#include <stdint.h>

#include "../base/srcmap.h"
#include "diag.h"

/* Make the statement insertions of `d` concrete edits, or drop them (above). */
void fixit_resolve(fl_srcmap *sm, diag *d);

/* One edit: replace [begin, end) of file `file` with `text`. */
typedef struct fixit_edit {
    uint32_t file;
    uint32_t begin, end;
    const char *text; /* borrowed from the diagnostic */
    uint32_t diag;    /* index of its diagnostic in the sink */
} fixit_edit;

/* The edits of diagnostic `d` (its help children with a replacement and a location): appended
   to *v (grown with realloc), *n updated. */
void fixit_collect(const diag *d, uint32_t index, fixit_edit **v, size_t *n, size_t *cap);

#endif
