/* render_short.c - clang-tidy's one-line-per-finding format, for editors and grep. */
#include "render.h"

#include <string.h>

#include "../base/escape.h"
#include "../base/strbuf.h"
#include "render_util.h"

static void put_text(fl_strbuf *sb, const char *s)
{
    if (s)
        render_sanitize(sb, s, strlen(s));
}

/* `path:line:col: ` (`path: ` when the file cannot be read), or `fearless: ` without location.
   A path with a tab, a newline or a byte that is not UTF-8 is quoted (base/escape.h). */
static void location(fl_strbuf *sb, fl_srcmap *sm, fl_span sp)
{
    if (!fl_span_valid(sp)) {
        fl_sb_puts(sb, "fearless: ");
        return;
    }
    fl_escape_name(sb, fl_srcmap_path(sm, sp.file));
    uint32_t line, col;
    if (fl_srcmap_line_col(sm, sp.file, sp.begin, &line, &col))
        fl_sb_printf(sb, ":%u:%u", (unsigned)line, (unsigned)col);
    fl_sb_puts(sb, ": ");
}

static void line(fl_strbuf *sb, fl_srcmap *sm, fl_span where, diag_level level, const char *msg,
                 const char *check)
{
    location(sb, sm, where);
    fl_sb_puts(sb, diag_level_name(level));
    fl_sb_puts(sb, ": ");
    put_text(sb, msg);
    if (check) {
        fl_sb_puts(sb, " [");
        put_text(sb, check);
        fl_sb_putc(sb, ']');
    }
    fl_sb_putc(sb, '\n');
}

void render_short(diag_sink *s, FILE *out)
{
    fl_srcmap *sm = diag_sink_srcmap(s);
    fl_strbuf sb = {0};
    for (size_t i = 0; i < diag_sink_count(s); i++) {
        const diag *d = diag_sink_get(s, i);
        const diag_label *p = diag_primary_label(d);
        fl_span at = p ? p->span : fl_span_none();
        line(&sb, sm, at, d->level, d->message, d->check);
        for (uint32_t k = 0; k < d->nlabels; k++) {
            const diag_label *l = &d->labels[k];
            if (!l->primary && l->text && *l->text && fl_span_valid(l->span))
                line(&sb, sm, l->span, LVL_NOTE, l->text, NULL);
        }
        /* Children without a span are placed at the primary location so that editors show them
           next to the finding. */
        for (uint32_t k = 0; k < d->nchildren; k++) {
            const diag_child *ch = &d->children[k];
            line(&sb, sm, fl_span_valid(ch->span) ? ch->span : at, ch->level, ch->message, NULL);
        }
        fputs(fl_sb_str(&sb), out);
        fl_sb_clear(&sb);
    }
    fl_sb_free(&sb);
}
