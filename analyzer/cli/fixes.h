/* fixes.h - the suggested edits of a run's findings, for other tools and for the files.
 *
 * `--export-fixes FILE` writes every reported finding (errors and warnings, after levels,
 * suppressions, the baseline and the line filter), with the edits its help suggests, as the
 * YAML clang-tidy writes for clang-apply-replacements (run-clang-tidy merges these files).
 * `--fix` applies those edits to the files: per file in offset order, identical edits once,
 * and an edit overlapping one already taken skipped (two insertions at one point are both kept,
 * in the order of their findings: two unlocks before one return). Edits come only from the
 * checks' mechanical fixes (diag/fixit.h), so applying them is idempotent: the findings they
 * fix are gone on the next run, and with them their edits.
 */
#ifndef FL_FIXES_H
#define FL_FIXES_H

#include "../diag/sink.h"

/* Write the YAML to `path`; `main_file` is the one source file of the run, or NULL. 0, or -1
   with a message on stderr. */
int fixes_export(const char *path, diag_sink *sink, const char *main_file);

/* Apply the edits to the files; *applied and *suggested counted. 0, or -1 if a file could not
   be written (a message on stderr; the other files are still written). */
int fixes_apply(diag_sink *sink, unsigned *applied, unsigned *suggested);

#endif
