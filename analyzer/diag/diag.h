/* diag.h - the diagnostic model: what every finding and every input error becomes.
 *
 * A diagnostic owns all its strings (it outlives the translation unit it came from).
 * Build it with diag_new and the builder calls, then hand it to a sink (diag_sink_add),
 * which takes ownership. Only diag/render_*.c turn diagnostics into text.
 */
#ifndef FL_DIAG_H
#define FL_DIAG_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/span.h"

typedef enum diag_level { LVL_ERROR, LVL_WARNING, LVL_NOTE, LVL_HELP } diag_level;

typedef struct diag_label {
    fl_span span;
    char *text; /* may be NULL: the span is underlined without a label */
    bool primary;
} diag_label;

typedef struct diag_child {
    diag_level level;   /* LVL_NOTE or LVL_HELP */
    char *message;
    fl_span span;       /* FL_NO_FILE when the child has no location */
    char *replacement;  /* suggested text for `span`, or NULL */
    /* Until the sink finishes: `replacement` is a statement to put on a line of its own
       before the statement that starts at span.begin (diag_help_insert_stmt). The sink then
       makes it an insertion at the start of that line with its indentation, or drops the
       replacement where the text around does not allow it (diag/fixit.h). */
    bool before_stmt;
} diag_child;

typedef struct diag {
    diag_level level;
    char *code;    /* "E0373", or NULL for input errors */
    char *check;   /* "thread-borrow", or NULL for input errors */
    char *message; /* must make sense alone: the short format shows nothing else */
    diag_label *labels; /* exactly one primary when the diagnostic has a location */
    uint32_t nlabels;
    diag_child *children;
    uint32_t nchildren;
    bool from_clang; /* a compiler error of the parsed code */
    /* Stable identity of a finding (16 hex digits; diag/identity.h), set by the sink when it
       finishes; NULL before, and for diagnostics without a check. Heap-owned. */
    char *id;
    /* For a diagnostic without a location of its own that belongs after another one (clang's
       "too many errors emitted" after the last error it caps): that one's primary span, where
       it sorts, right behind what is there. FL_NO_FILE (the default) otherwise: unlocated
       diagnostics sort first. Not rendered. */
    fl_span sort_after;
} diag;

/* A new diagnostic; code and check may be NULL. */
diag *diag_new(diag_level level, const char *code, const char *check, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The primary span and its label (fmt may be NULL for no label). */
void diag_primary(diag *d, fl_span span, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A secondary span and its label. */
void diag_secondary(diag *d, fl_span span, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* `= note: ...` without location. */
void diag_note(diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A note that points somewhere (rendered as its own snippet). */
void diag_note_at(diag *d, fl_span span, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* `= help: ...` */
void diag_help(diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Help with a suggested replacement of `span` by `replacement`. */
void diag_help_replace(diag *d, fl_span span, const char *replacement, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Help whose suggestion is the statement `stmt` (`pthread_mutex_unlock(&m);`) on its own line
   before the statement at `before`, indented like it. Kept only where that statement begins
   its line inside a block (not the unbraced body of an `if`): see diag/fixit.h. */
void diag_help_insert_stmt(diag *d, fl_span before, const char *stmt, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The primary label, or NULL. */
const diag_label *diag_primary_label(const diag *d);
/* A deep copy of d (every string and array its own). */
diag *diag_clone(const diag *d);
void diag_free(diag *d);

const char *diag_level_name(diag_level l); /* "error", "warning", "note", "help" */

#endif
