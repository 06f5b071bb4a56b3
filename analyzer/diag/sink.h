/* sink.h - where diagnostics go: collected, promoted, capped, sorted and deduplicated. */
#ifndef FL_SINK_H
#define FL_SINK_H

#include <stdbool.h>
#include <stddef.h>

#include "../base/srcmap.h"
#include "diag.h"
#include "identity.h"
#include "suppress.h"

typedef struct diag_sink diag_sink;

/* A sink over the given source map (borrowed; must outlive the sink). */
diag_sink *diag_sink_new(fl_srcmap *sm);
void diag_sink_free(diag_sink *s);

/* Promote warnings of checks matching these clang-tidy style globs to errors ("*" for all);
   NULL or "" for none. The string is copied. Applies to the diagnostics added from now on. */
void diag_sink_set_warnings_as_errors(diag_sink *s, const char *globs);

/* Decide suppressions with `sup` (borrowed; must outlive the sink) when finishing: suppressed
   findings are dropped, and the problems of the suppressions themselves are added (with
   `report_unused`, the suppressions that silenced nothing too). */
void diag_sink_set_suppressions(diag_sink *s, suppress_set *sup, bool report_unused);

/* The final level of a finding: fn(ctx, d) returns LVL_ERROR or LVL_WARNING (or d->level for
   notes), or -1 to drop d (its check is off there). Applied when finishing, to diagnostics with
   a check, before suppressions; the level it returns is final (diag_sink_set_warnings_as_errors
   applies when a diagnostic is added, so a level function does its own promotion). ctx is
   borrowed. */
typedef int (*diag_level_fn)(void *ctx, const diag *d);
void diag_sink_set_level_fn(diag_sink *s, diag_level_fn fn, void *ctx);

/* A function defined over `extent` (name copied): findings inside it get its name in their
   identity (diag.id, set when finishing). */
void diag_sink_add_function(diag_sink *s, fl_span extent, const char *name);
/* The function holding a span, among those added, or NULL (borrowed). */
const char *diag_sink_function_at(const diag_sink *s, fl_span span);

/* What a sink is told, as it is told (before any promotion), for a record of the run
   (cli/replay.h): each diagnostic added (borrowed: copy what is kept) and each function added. */
typedef struct diag_sink_tap {
    void (*diag)(void *ctx, const diag *d);
    void (*function)(void *ctx, fl_span extent, const char *name);
} diag_sink_tap;
/* Tell `tap` (borrowed; NULL: nobody) from now on. */
void diag_sink_set_tap(diag_sink *s, const diag_sink_tap *tap, void *ctx);

/* Take ownership of d. */
void diag_sink_add(diag_sink *s, diag *d);

/* Apply levels and suppressions, sort (by file path, offset, code, message), drop exact
   duplicates and set each finding's identity; call before reading. */
void diag_sink_finish(diag_sink *s);

/* After finish: keep only the diagnostics for which keep(ctx, d) is true (the rest are freed),
   in order; returns how many were dropped. For filters that need the finished findings and
   their identities: a baseline, --line-filter. */
size_t diag_sink_retain(diag_sink *s, bool (*keep)(void *ctx, const diag *d), void *ctx);

size_t diag_sink_count(const diag_sink *s);
const diag *diag_sink_get(const diag_sink *s, size_t i);
fl_srcmap *diag_sink_srcmap(const diag_sink *s);
/* Counts after finish. */
size_t diag_sink_suppressed(const diag_sink *s); /* findings dropped by a suppression */
size_t diag_sink_errors(const diag_sink *s);
size_t diag_sink_warnings(const diag_sink *s);
/* Distinct files that hold at least one error (or warning, if `warnings`) */
size_t diag_sink_files_with(const diag_sink *s, bool warnings);
/* True if any diagnostic is an input error (no check: clang errors, unreadable files). */
bool diag_sink_has_input_errors(const diag_sink *s);

#endif
