/* usage.c - usage errors (see usage.h). */
#include "usage.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "../base/srcmap.h"
#include "../base/strbuf.h"
#include "../diag/diag.h"
#include "../diag/render.h"
#include "../diag/sink.h"

#define HINT "Run 'fearless --help' for usage."

int usage_error(fl_format format, const char *fmt, ...)
{
    fl_strbuf msg = {0};
    va_list ap;
    va_start(ap, fmt);
    fl_sb_vprintf(&msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "error: %s\n%s\n", fl_sb_str(&msg), HINT);
    if (format == FMT_JSON) {
        fl_srcmap *sm = fl_srcmap_new();
        diag_sink *sink = diag_sink_new(sm);
        diag *d = diag_new(LVL_ERROR, NULL, NULL, "%s", fl_sb_str(&msg));
        diag_help(d, HINT);
        diag_sink_add(sink, d);
        diag_sink_finish(sink);
        render_json(sink, stdout);
        diag_sink_free(sink);
        fl_srcmap_free(sm);
    }
    fl_sb_free(&msg);
    return 2;
}
