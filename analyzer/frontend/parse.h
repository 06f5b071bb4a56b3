/* parse.h - parsing a translation unit with libclang and converting it to the ast. */
#ifndef FL_PARSE_H
#define FL_PARSE_H

#include "../base/srcmap.h"
#include "../diag/sink.h"
#include "ast.h"
#include "cdb.h"

typedef struct fe_index fe_index; /* one libclang index for the whole run */
typedef struct fe_unit fe_unit;   /* one parsed translation unit */

fe_index *fe_index_new(void);
void fe_index_free(fe_index *ix);

/* Parse job. Clang's errors (and fatal errors) become input-error diagnostics in `sink`,
   with clang's notes attached; warnings are ignored. Returns the unit, or NULL when the unit
   could not be parsed or had errors (then at least one error was added to `sink`). */
fe_unit *fe_parse(fe_index *ix, const fe_job *job, fl_srcmap *sm, diag_sink *sink);

/* libclang's parse of the job as fe_parse does it (same flags and options), disposed of at
   once: the floor any libclang tool pays (bench/parse_floor.c). False when it failed. */
bool fe_parse_only(fe_index *ix, const fe_job *job);

/* Parse the job's command line with an empty file in place of its source, and forget the
   result: what clang prints by itself about the command line (an unknown warning option) and
   nothing else, at the cost of parsing no code. */
void fe_probe_flags(fe_index *ix, const fe_job *job);

/* Convert the unit's function bodies to the ast (once; later calls return the same tree).
   The tree lives in the unit's arena. */
ast_tu *fe_unit_ast(fe_unit *u);

/* Dispose the libclang unit but keep the tree (fe_unit_ast must have been called): the tree
   owns every string it holds, and a whole-program run keeps the trees of all its units. */
void fe_unit_release_clang(fe_unit *u);

/* Dispose the libclang unit and the arena with everything in it. */
void fe_unit_free(fe_unit *u);

/* Every file the unit read (its main file and each header it included, once each), by absolute
   path, in the order clang first included them: what a summary of the unit depends on. Valid
   until fe_unit_free. */
uint32_t fe_unit_inputs(const fe_unit *u, const char *const **paths);

#endif
