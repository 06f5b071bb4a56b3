/* clang_output.h - what libclang prints by itself while parsing, caught and reported once.
 *
 * Clang's driver writes its warnings about the command line (a GCC-only `-Wlogical-op`, an
 * unused argument) straight to standard error, without a file name, once per unit: on a
 * project, the same line hundreds of times. They are caught around each parse instead, and
 * each distinct warning becomes one diagnostic, located in the first file whose command
 * produced it, saying how many units had it. Anything else clang prints stays out of the
 * output unless --verbose asks for it (then once each, as notes).
 *
 * When several threads parse at once (-j), a line on standard error cannot be traced to its
 * unit, and two threads' lines may even interleave. What the driver prints depends only on the
 * command line, so the driver then parses each distinct command line once with an empty file
 * (fe_probe_flags), alone, catching its lines for all the units that share it; what the parallel
 * parses print after that adds nothing that was already known.
 */
#ifndef FL_CLANG_OUTPUT_H
#define FL_CLANG_OUTPUT_H

#include <stdbool.h>

#include "../base/srcmap.h"
#include "../diag/sink.h"

typedef struct clang_output clang_output;

clang_output *clang_output_new(void);
void clang_output_free(clang_output *co);

/* Redirect standard error into a temporary file until clang_output_end. When that cannot be
   done, nothing is caught and clang's lines go through as before. */
void clang_output_begin(clang_output *co);
/* Restore standard error and keep what was caught, for the unit of source file `file`
   (absolute). */
void clang_output_end(clang_output *co, const char *file);

/* The same for a command line that `units` units share (the caught lines count that many times;
   the driver probes each distinct command line once when units are parsed in parallel). With
   file == NULL and units == 0: what was caught while several units were parsed at once, where
   nobody can tell which unit printed it; lines already kept are dropped, the others kept with no
   file. */
void clang_output_end_units(clang_output *co, const char *file, unsigned units);

/* The diagnostics for what was caught, added to `sink` (locations interned into `sm`). */
void clang_output_report(clang_output *co, diag_sink *sink, fl_srcmap *sm, bool verbose);

#endif
