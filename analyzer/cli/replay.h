/* replay.h - the report of a run, kept so that the next run on an unchanged build replays it.
 *
 * A run over a build whose every unit was analyzed records what the analysis told the sink and
 * the suppressions: each diagnostic as it was added (before levels, suppressions, baseline or
 * line filter), the functions that findings' identities name, the files analyzed in full and
 * their FL_ALLOW annotations. The cache keeps the record (cache_store_report) with every unit's
 * stamp, under a key of what decides the analysis (replay_key). A later run with the same key,
 * whose units all have the command and files they had, reads the record back and hands it to its
 * sink and suppressions: it parses, reads and links nothing. What comes after the analysis
 * (levels, suppressions, the baseline, --line-filter, the format, fixes, the exit status) is done
 * as in any run, so the report is the one the analysis would give.
 *
 * Runs that say how they went (--verbose, --dump-*) are not recorded nor replayed, nor are runs
 * over some files of a database (the other units count by summaries, cli/units.h) or over
 * fearless-cc's trees (--link).
 */
#ifndef FL_REPLAY_H
#define FL_REPLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "../base/bytes.h"
#include "../diag/sink.h"
#include "../diag/suppress.h"
#include "../frontend/cdb.h"
#include "config.h"
#include "options.h"

typedef struct replay_rec replay_rec;

/* Whether a run with these options over these jobs may replay or record a report. */
bool replay_eligible(const fl_options *o, const fe_joblist *jobs);
/* What decides the analysis besides the units' commands and files: fearless's options that
   change findings, and each unit's checks (its folder's configuration: config_for_file). */
uint64_t replay_key(const fl_options *o, config *cfg, const fe_joblist *jobs, unsigned needs);

/* An empty record that `sink` tells what it is given from now on (diag_sink_set_tap). */
replay_rec *replay_record(diag_sink *sink);
void replay_free(replay_rec *r);
/* The suppressions' side of a unit (cli/allow.c calls these beside suppress_add_*). */
void replay_file(replay_rec *r, uint32_t file);
void replay_allow(replay_rec *r, fl_span extent, fl_span where, const char *checks);
void replay_allow_var(replay_rec *r, const char *name, fl_span decl, bool any_file, fl_span where,
                      const char *checks);

/* The record's bytes (spans by path: the writer's path_of), and back. replay_get returns NULL
   when the bytes are wrong (r->bad says why). */
void replay_put(fl_bw *w, const void *rec);
void *replay_get(fl_br *r);
/* Hand a record read back to the sink and the suppressions, as the analysis did. */
void replay_apply(const replay_rec *r, diag_sink *sink, suppress_set *sup);
/* False when the analysis reported an input error (a unit clang rejected, one over its budget):
   a run that did not analyze everything is not one to replay. */
bool replay_complete(const replay_rec *r);
/* The number of diagnostics recorded (for --time-report). */
uint32_t replay_count(const replay_rec *r);

#endif
