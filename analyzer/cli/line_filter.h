/* line_filter.h - clang-tidy's --line-filter: report only findings on the given lines.
 *
 *     --line-filter='[{"name":"src/queue.c","lines":[[10,20],[31,31]]},{"name":"queue.h"}]'
 *
 * A finding passes when its primary location is in a file whose path ends with one of the
 * names, on one of that entry's line ranges (inclusive; an entry without "lines" takes the
 * whole file). An empty list lets everything through. Diagnostics without a check (input
 * errors) always pass, as in clang-tidy, which is what clang-tidy-diff relies on.
 */
#ifndef FL_LINE_FILTER_H
#define FL_LINE_FILTER_H

#include <stdbool.h>

#include "../diag/sink.h"

typedef struct line_filter line_filter;

/* Parse the JSON; NULL with *err (heap-owned) on a syntax error. `sm` (borrowed) resolves
   findings' lines. */
line_filter *line_filter_parse(const char *json, fl_srcmap *sm, char **err);
void line_filter_free(line_filter *f);

/* For diag_sink_retain. */
bool line_filter_keep(void *f, const diag *d);

#endif
