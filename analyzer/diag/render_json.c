/* render_json.c - one JSON object per diagnostic per line, after rustc's --error-format=json. */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../base/utf8.h"
#include "render_util.h"

/* A JSON string, or null. The output is always valid UTF-8 JSON, and byte-exact: a byte that
   is not part of valid UTF-8 (a file name in another encoding) is written as the lone low
   surrogate \udcXX for byte 0xXX, Python's "surrogateescape" convention (PEP 383), so
   os.fsencode(json.loads(...)) gives back the original bytes. */
void render_json_str(fl_strbuf *sb, const char *s)
{
    if (!s) {
        fl_sb_puts(sb, "null");
        return;
    }
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    fl_sb_putc(sb, '"');
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        if (c == '"' || c == '\\') {
            fl_sb_putc(sb, '\\');
            fl_sb_putc(sb, (char)c);
        } else if (c == '\n') {
            fl_sb_puts(sb, "\\n");
        } else if (c == '\t') {
            fl_sb_puts(sb, "\\t");
        } else if (c == '\r') {
            fl_sb_puts(sb, "\\r");
        } else if (c < 0x20 || c == 0x7f) {
            fl_sb_printf(sb, "\\u%04x", c);
        } else if (c >= 0x80) {
            uint32_t cp;
            size_t k = fl_utf8_decode(s + i, n - i, &cp);
            if (k) {
                fl_sb_putn(sb, s + i, k);
                i += k;
                continue;
            }
            fl_sb_printf(sb, "\\udc%02x", c);
        } else {
            fl_sb_putc(sb, (char)c);
        }
        i++;
    }
    fl_sb_putc(sb, '"');
}

static void jloc(fl_strbuf *sb, fl_srcmap *sm, uint32_t file, uint32_t off, const char *lkey,
                 const char *ckey)
{
    uint32_t line, col;
    if (fl_srcmap_line_col(sm, file, off, &line, &col))
        fl_sb_printf(sb, ",\"%s\":%u,\"%s\":%u", lkey, (unsigned)line, ckey, (unsigned)col);
    else
        fl_sb_printf(sb, ",\"%s\":null,\"%s\":null", lkey, ckey);
}

static void jspan(fl_strbuf *sb, fl_srcmap *sm, fl_span sp, bool primary, const char *label)
{
    fl_sb_puts(sb, "{\"file\":");
    render_json_str(sb, fl_srcmap_path(sm, sp.file));
    fl_sb_printf(sb, ",\"byte_start\":%u,\"byte_end\":%u", (unsigned)sp.begin, (unsigned)sp.end);
    jloc(sb, sm, sp.file, sp.begin, "line_start", "column_start");
    jloc(sb, sm, sp.file, sp.end, "line_end", "column_end");
    fl_sb_printf(sb, ",\"is_primary\":%s,\"label\":", primary ? "true" : "false");
    render_json_str(sb, label);
    fl_sb_putc(sb, '}');
}

static void jdiag(fl_strbuf *sb, const diag_sink *s, fl_srcmap *sm, const diag *d)
{
    fl_sb_puts(sb, "{\"level\":");
    render_json_str(sb, diag_level_name(d->level));
    fl_sb_puts(sb, ",\"code\":");
    render_json_str(sb, d->code);
    fl_sb_puts(sb, ",\"check\":");
    render_json_str(sb, d->check);
    fl_sb_puts(sb, ",\"id\":");
    render_json_str(sb, d->id);
    const diag_label *p = diag_primary_label(d);
    fl_sb_puts(sb, ",\"function\":");
    render_json_str(sb, p && fl_span_valid(p->span) ? diag_sink_function_at(s, p->span) : NULL);
    fl_sb_puts(sb, ",\"message\":");
    render_json_str(sb, d->message ? d->message : "");
    fl_sb_puts(sb, ",\"spans\":[");
    bool first = true;
    for (uint32_t i = 0; i < d->nlabels; i++) {
        const diag_label *l = &d->labels[i];
        if (!fl_span_valid(l->span))
            continue;
        if (!first)
            fl_sb_putc(sb, ',');
        first = false;
        jspan(sb, sm, l->span, l->primary, l->text);
    }
    fl_sb_puts(sb, "],\"children\":[");
    for (uint32_t i = 0; i < d->nchildren; i++) {
        const diag_child *ch = &d->children[i];
        if (i)
            fl_sb_putc(sb, ',');
        fl_sb_puts(sb, "{\"level\":");
        render_json_str(sb, diag_level_name(ch->level));
        fl_sb_puts(sb, ",\"message\":");
        render_json_str(sb, ch->message ? ch->message : "");
        fl_sb_puts(sb, ",\"spans\":[");
        if (fl_span_valid(ch->span))
            jspan(sb, sm, ch->span, true, NULL);
        fl_sb_puts(sb, "],\"suggested_replacement\":");
        render_json_str(sb, ch->replacement);
        fl_sb_putc(sb, '}');
    }
    fl_sb_puts(sb, "],\"rendered\":");
    char *rendered = render_human_one(d, sm, false);
    render_json_str(sb, rendered);
    free(rendered);
    fl_sb_puts(sb, "}\n");
}

void render_json(diag_sink *s, FILE *out)
{
    fl_srcmap *sm = diag_sink_srcmap(s);
    fl_strbuf sb = {0};
    for (size_t i = 0; i < diag_sink_count(s); i++) {
        jdiag(&sb, s, sm, diag_sink_get(s, i));
        fputs(fl_sb_str(&sb), out);
        fl_sb_clear(&sb);
    }
    fl_sb_free(&sb);
}
