/* baseline.h - accepted findings: --write-baseline records them, --baseline hides them.
 *
 * A baseline file holds the stable identities (diag.id) of the findings of one run, with their
 * check, file, function and message for the reader:
 *     {"version":1,"tool":"fearless","findings":[
 *     {"id":"913d4c0f6ca5b503","check":"data-race","file":"src/stats.c","function":"worker","message":"..."},
 *     ...]}
 * Reading only looks for the identities, so a SARIF log or JSON output of fearless serves as a
 * baseline too ("fearless/v1" fingerprints, "id" fields).
 */
#ifndef FL_BASELINE_H
#define FL_BASELINE_H

#include <stdbool.h>

#include "../diag/sink.h"

typedef struct baseline baseline;

/* Read a baseline file; NULL with *err (heap-owned) when it cannot be read. */
baseline *baseline_load(const char *path, char **err);
void baseline_free(baseline *b);

/* For diag_sink_retain: keep d unless it is a finding whose identity is in the baseline. */
bool baseline_keep(void *b, const diag *d);

/* Write the findings of the finished sink (errors and warnings with an identity) to `path`;
   returns how many, or -1 when the file cannot be written. */
long baseline_write(const char *path, const diag_sink *s);

#endif
