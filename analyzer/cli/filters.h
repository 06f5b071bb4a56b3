/* filters.h - what the command line does to the finished findings: --write-baseline records
 * them, then --baseline and --line-filter hide some. */
#ifndef FL_FILTERS_H
#define FL_FILTERS_H

#include "../base/srcmap.h"
#include "../diag/sink.h"
#include "options.h"

typedef struct filters filters;

/* Read --baseline and parse --line-filter up front, so that a bad one stops the run before any
   analysis: NULL with *err (heap-owned) then. `sm` is borrowed. */
filters *filters_new(const fl_options *o, fl_srcmap *sm, char **err);
void filters_free(filters *f);

/* On the finished sink: write the baseline of every finding (before anything is hidden), then
   drop the findings the baseline knows and those outside the line filter. Returns 0, or -1
   when the baseline could not be written (said on stdout). */
int filters_apply(filters *f, diag_sink *s);

#endif
