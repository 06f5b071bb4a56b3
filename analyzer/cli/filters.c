/* filters.c - baseline and line filter applied to the finished sink, in that order. */
#include "filters.h"

#include <stdio.h>
#include <stdlib.h>

#include "../base/xalloc.h"
#include "baseline.h"
#include "line_filter.h"

struct filters {
    baseline *known;      /* --baseline, or NULL */
    line_filter *lines;   /* --line-filter, or NULL */
    const char *write_to; /* --write-baseline, or NULL (borrowed from the options) */
};

filters *filters_new(const fl_options *o, fl_srcmap *sm, char **err)
{
    filters *f = fl_xcalloc(1, sizeof *f);
    f->write_to = o->write_baseline;
    if (o->baseline && !(f->known = baseline_load(o->baseline, err))) {
        filters_free(f);
        return NULL;
    }
    if (o->line_filter && !(f->lines = line_filter_parse(o->line_filter, sm, err))) {
        filters_free(f);
        return NULL;
    }
    return f;
}

void filters_free(filters *f)
{
    if (!f)
        return;
    baseline_free(f->known);
    line_filter_free(f->lines);
    free(f);
}

int filters_apply(filters *f, diag_sink *s)
{
    int rc = 0;
    if (f->write_to) {
        long n = baseline_write(f->write_to, s);
        if (n < 0) {
            fprintf(stderr, "fearless: error: cannot write the baseline `%s`\n", f->write_to);
            rc = -1;
        } else {
            fprintf(stderr, "fearless: wrote %ld finding%s to the baseline %s\n", n, n == 1 ? "" : "s",
                    f->write_to);
        }
    }
    if (f->known)
        diag_sink_retain(s, baseline_keep, f->known);
    if (f->lines)
        diag_sink_retain(s, line_filter_keep, f->lines);
    return rc;
}
