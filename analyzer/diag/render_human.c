/* render_human.c - rustc's human-readable layout: header, `-->`, gutter snippets, labels, notes.
 *
 * Everything is first drawn on a canvas of styled cells (like rustc's StyledBuffer), because
 * stacked labels write connectors and text into rows that already exist. Colors are attached to
 * cells and only turned into ANSI escapes when the canvas is printed, so the plain text is the
 * same whether or not color is on.
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../base/escape.h"
#include "../base/strbuf.h"
#include "../base/utf8.h"
#include "../base/vec.h"
#include "../base/xalloc.h"
#include "render_util.h"

/* ---- untrusted text ------------------------------------------------------------------------ */

size_t render_unit_at(const char *s, size_t n, size_t i, render_unit *u)
{
    unsigned char c = (unsigned char)s[i];
    u->one_cell = false;
    if (c == '\t') {
        memcpy(u->text, "    ", 4);
        u->len = 4;
        return 1;
    }
    if (c < 0x20 || c == 0x7f) {
        u->len = (uint8_t)snprintf(u->text, sizeof u->text, "\\x%02x", c);
        return 1;
    }
    if (c < 0x80) {
        u->text[0] = (char)c;
        u->len = 1;
        return 1;
    }
    uint32_t cp;
    size_t need = fl_utf8_decode(s + i, n - i, &cp);
    if (!need) {
        u->len = (uint8_t)snprintf(u->text, sizeof u->text, "\\x%02x", c);
        return 1;
    }
    if (fl_utf8_invisible(cp)) {
        u->len = (uint8_t)snprintf(u->text, sizeof u->text, "\\u{%x}", (unsigned)cp);
        return need;
    }
    memcpy(u->text, s + i, need);
    u->len = (uint8_t)need;
    u->one_cell = true;
    return need;
}

void render_sanitize(fl_strbuf *sb, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        render_unit u;
        i += render_unit_at(s, n, i, &u);
        fl_sb_putn(sb, u.text, u.len);
    }
}

/* Display width of s[0..n). */
static uint32_t text_width(const char *s, size_t n)
{
    uint32_t w = 0;
    for (size_t i = 0; i < n;) {
        render_unit u;
        i += render_unit_at(s, n, i, &u);
        w += u.one_cell ? 1 : u.len;
    }
    return w;
}

/* Display column of byte index bi of a line of n bytes; offsets past the end (the newline)
   count one column per byte so that a caret there lands just after the text. */
static uint32_t disp_col(const char *s, size_t n, size_t bi)
{
    uint32_t col = 0;
    size_t i = 0;
    while (i < n && i < bi) {
        render_unit u;
        i += render_unit_at(s, n, i, &u);
        col += u.one_cell ? 1 : u.len;
    }
    if (bi > i)
        col += (uint32_t)(bi - i);
    return col;
}

/* ---- the styled canvas --------------------------------------------------------------------- */

enum {
    ST_NONE,
    ST_BOLD,
    ST_ERROR,
    ST_WARNING,
    ST_NOTE,
    ST_HELP,
    ST_BLUE,
    ST_ADDED,
    ST_REMOVED,
};

static const char *const style_code[] = {
    [ST_NONE] = "",           [ST_BOLD] = "\x1b[1m",    [ST_ERROR] = "\x1b[1;31m",
    [ST_WARNING] = "\x1b[1;33m", [ST_NOTE] = "\x1b[1;32m", [ST_HELP] = "\x1b[1;36m",
    [ST_BLUE] = "\x1b[1;34m", [ST_ADDED] = "\x1b[32m",   [ST_REMOVED] = "\x1b[31m",
};

static uint8_t level_style(diag_level l)
{
    switch (l) {
    case LVL_ERROR: return ST_ERROR;
    case LVL_WARNING: return ST_WARNING;
    case LVL_NOTE: return ST_NOTE;
    case LVL_HELP: return ST_HELP;
    }
    return ST_ERROR;
}

typedef struct cell {
    char b[4];
    uint8_t n;
    uint8_t style;
} cell;

typedef FL_VEC(cell) cellrow;

typedef struct canvas {
    FL_VEC(cellrow) rows;
} canvas;

static size_t cv_row(canvas *cv)
{
    cellrow r = {0};
    fl_vec_push(&cv->rows, r);
    return cv->rows.len - 1;
}

static void cv_cell(canvas *cv, size_t row, size_t col, const char *b, size_t n, uint8_t style)
{
    while (cv->rows.len <= row)
        cv_row(cv);
    cellrow *r = &cv->rows.items[row];
    while (r->len <= col) {
        cell sp = {{' '}, 1, ST_NONE};
        fl_vec_push(r, sp);
    }
    memcpy(r->items[col].b, b, n);
    r->items[col].n = (uint8_t)n;
    r->items[col].style = style;
}

static void cv_putc(canvas *cv, size_t row, size_t col, char c, uint8_t style)
{
    cv_cell(cv, row, col, &c, 1, style);
}

/* Trusted ASCII text; returns the column after it. */
static size_t cv_puts(canvas *cv, size_t row, size_t col, const char *s, uint8_t style)
{
    for (; *s; s++)
        cv_putc(cv, row, col++, *s, style);
    return col;
}

/* Untrusted text, sanitized; returns the column after it. */
static size_t cv_text(canvas *cv, size_t row, size_t col, const char *s, size_t n, uint8_t style)
{
    for (size_t i = 0; i < n;) {
        render_unit u;
        i += render_unit_at(s, n, i, &u);
        if (u.one_cell) {
            cv_cell(cv, row, col++, u.text, u.len, style);
        } else {
            for (uint8_t k = 0; k < u.len; k++)
                cv_putc(cv, row, col++, u.text[k], style);
        }
    }
    return col;
}

/* A message that may span lines: continuation lines start at the column of the first. */
static size_t cv_message(canvas *cv, size_t row, size_t col, const char *msg, uint8_t style)
{
    if (!msg)
        return row;
    for (;;) {
        const char *nl = strchr(msg, '\n');
        size_t n = nl ? (size_t)(nl - msg) : strlen(msg);
        cv_text(cv, row, col, msg, n, style);
        if (!nl)
            return row;
        msg = nl + 1;
        row = cv_row(cv);
    }
}

static void cv_emit(canvas *cv, fl_strbuf *out, bool color)
{
    for (size_t r = 0; r < cv->rows.len; r++) {
        cellrow *row = &cv->rows.items[r];
        size_t end = row->len;
        while (end > 0 && row->items[end - 1].n == 1 && row->items[end - 1].b[0] == ' ')
            end--;
        uint8_t cur = ST_NONE;
        for (size_t i = 0; i < end; i++) {
            cell *c = &row->items[i];
            if (color && c->style != cur) {
                if (cur != ST_NONE)
                    fl_sb_puts(out, "\x1b[0m");
                fl_sb_puts(out, style_code[c->style]);
                cur = c->style;
            }
            fl_sb_putn(out, c->b, c->n);
        }
        if (color && cur != ST_NONE)
            fl_sb_puts(out, "\x1b[0m");
        fl_sb_putc(out, '\n');
    }
}

static void cv_free(canvas *cv)
{
    for (size_t r = 0; r < cv->rows.len; r++)
        fl_vec_free(&cv->rows.items[r]);
    fl_vec_free(&cv->rows);
}

/* ---- snippets ------------------------------------------------------------------------------ */

typedef struct ctx {
    fl_srcmap *sm;
    canvas cv;
    size_t w; /* gutter width: digits of the largest line number shown */
} ctx;

/* One underline on one source line, in display columns. */
typedef struct ann {
    uint32_t line;
    uint32_t start, end; /* end > start */
    const char *label;   /* NULL or "" for none */
    uint32_t label_w;
    bool primary;
    uint8_t style;
} ann;

static bool has_label(const ann *a) { return a->label && *a->label; }

static bool loc_of(fl_srcmap *sm, fl_span sp, uint32_t off, uint32_t *line, uint32_t *col)
{
    return fl_span_valid(sp) && fl_srcmap_line_col(sm, sp.file, off, line, col);
}

static bool file_readable(fl_srcmap *sm, uint32_t file)
{
    return file != FL_NO_FILE && fl_srcmap_nlines(sm, file) > 0;
}

/* The annotation a span draws on its first line; a span crossing lines is underlined to the end
   of that line and labelled there. */
static ann make_ann(fl_srcmap *sm, fl_span sp, const char *label, bool primary, uint8_t style)
{
    ann a = {0};
    uint32_t l1 = 1, c1 = 1, l2 = 1, c2 = 1;
    fl_srcmap_line_col(sm, sp.file, sp.begin, &l1, &c1);
    fl_srcmap_line_col(sm, sp.file, sp.end < sp.begin ? sp.begin : sp.end, &l2, &c2);
    size_t n = 0;
    const char *text = fl_srcmap_line(sm, sp.file, l1, &n);
    if (!text)
        text = "", n = 0;
    a.line = l1;
    a.start = disp_col(text, n, c1 - 1);
    a.end = l2 == l1 ? disp_col(text, n, c2 - 1) : disp_col(text, n, n);
    if (a.end <= a.start)
        a.end = a.start + 1; /* zero-width spans (and spans at a line end) get one caret */
    a.label = label;
    a.label_w = label ? text_width(label, strlen(label)) : 0;
    a.primary = primary;
    a.style = style;
    return a;
}

static void gutter_sep(ctx *c, size_t row) { cv_putc(&c->cv, row, c->w + 1, '|', ST_BLUE); }

static size_t empty_gutter(ctx *c)
{
    size_t row = cv_row(&c->cv);
    gutter_sep(c, row);
    return row;
}

static void line_number(ctx *c, size_t row, uint32_t line)
{
    char num[16];
    int len = snprintf(num, sizeof num, "%u", (unsigned)line);
    cv_puts(&c->cv, row, c->w > (size_t)len ? c->w - (size_t)len : 0, num, ST_BLUE);
}

/* `12 |     text` */
static void source_row(ctx *c, uint32_t file, uint32_t line)
{
    size_t row = cv_row(&c->cv);
    line_number(c, row, line);
    gutter_sep(c, row);
    size_t n = 0;
    const char *text = fl_srcmap_line(c->sm, file, line, &n);
    if (text)
        cv_text(&c->cv, row, c->w + 3, text, n, ST_NONE);
}

/* rustc's overlaps(): does a1 start within a2 (or a2 within a1), allowing `pad` columns after. */
static bool overlaps(const ann *a1, const ann *a2, uint32_t pad)
{
    return (a2->start <= a1->start && a1->start < a2->end + pad) ||
           (a1->start <= a2->start && a2->start < a1->end + pad);
}

/* The rows under one source line: underlines, then labels, stacked as rustc does. `as` holds the
   annotations of this line and is reordered. */
static void annotation_rows(ctx *c, ann *as, size_t n)
{
    /* Rightmost first; stable so that equal starts keep the primary-first order. */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && as[j - 1].start < as[j].start; j--) {
            ann t = as[j];
            as[j] = as[j - 1];
            as[j - 1] = t;
        }
    size_t *pos = fl_xcalloc(n ? n : 1, sizeof *pos);
    size_t p = 0, line_len = 0;
    for (size_t i = 0; i < n; i++) {
        const ann *a = &as[i];
        for (size_t j = i + 1; j < n; j++) {
            const ann *nx = &as[j];
            if (overlaps(nx, a, 0) && has_label(a) && p == 0) {
                if (nx->start == a->start && nx->end == a->end && !has_label(nx))
                    continue; /* merges with an identical unlabelled underline */
                p++;
                break;
            }
        }
        pos[i] = p;
        for (size_t j = i + 1; j < n; j++) {
            const ann *nx = &as[j];
            uint32_t l = has_label(nx) ? nx->label_w + 2 : 0;
            if ((overlaps(nx, a, l) && has_label(a) && has_label(nx)) ||
                (overlaps(nx, a, l) && nx->end <= a->end && has_label(nx) && p == 0)) {
                p++;
                break;
            }
        }
        if (p > line_len)
            line_len = p;
    }
    if (line_len != 0)
        line_len++;

    size_t base = c->cv.rows.len; /* row of the underlines */
    size_t code = c->w + 3;
    for (size_t r = 0; r <= line_len; r++)
        gutter_sep(c, base + r);
    for (size_t i = 0; i < n; i++) /* connectors of labels that moved down */
        if (pos[i] > 0 && has_label(&as[i]))
            for (size_t r = 0; r <= pos[i]; r++)
                cv_putc(&c->cv, base + r, code + as[i].start, '|', as[i].style);
    for (size_t i = 0; i < n; i++) {
        if (!has_label(&as[i]))
            continue;
        size_t row = pos[i] == 0 ? base : base + pos[i] + 1;
        size_t col = pos[i] == 0 ? as[i].end + 1 : as[i].start;
        cv_text(&c->cv, row, code + col, as[i].label, strlen(as[i].label), as[i].style);
    }
    /* Longest first, primary last among equals, so the primary's carets win where they meet. */
    size_t *order = fl_xcalloc(n ? n : 1, sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = i;
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0; j--) {
            const ann *x = &as[order[j - 1]], *y = &as[order[j]];
            uint32_t lx = x->end - x->start, ly = y->end - y->start;
            if (lx > ly || (lx == ly && (!x->primary || y->primary)))
                break;
            size_t t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (size_t k = 0; k < n; k++) {
        const ann *a = &as[order[k]];
        for (uint32_t col = a->start; col < a->end; col++)
            cv_putc(&c->cv, base, code + col, a->primary ? '^' : '-', a->style);
    }
    free(order);
    free(pos);
}

static int cmp_ann_line(const void *x, const void *y)
{
    const ann *a = x, *b = y;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* The gutter snippet of one file: each annotated line in order, `...` over longer gaps. */
static void snippet(ctx *c, uint32_t file, ann *as, size_t n)
{
    /* Insertion sort: stable (labels of a line keep their order) and n is tiny. */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && cmp_ann_line(&as[j - 1], &as[j]) > 0; j--) {
            ann t = as[j];
            as[j] = as[j - 1];
            as[j - 1] = t;
        }
    for (size_t i = 0; i < n;) {
        size_t k = i;
        while (k < n && as[k].line == as[i].line)
            k++;
        source_row(c, file, as[i].line);
        annotation_rows(c, as + i, k - i);
        if (k < n) {
            uint32_t gap = as[k].line - as[i].line;
            if (gap > 2)
                cv_puts(&c->cv, cv_row(&c->cv), 0, "...", ST_BLUE);
            else if (gap == 2)
                source_row(c, file, as[i].line + 1);
        }
        i = k;
    }
}

/* `   --> path:line:col` (or `:::`); only `path` when the file cannot be read. */
static void location_row(ctx *c, const char *arrow, fl_span sp)
{
    size_t row = cv_row(&c->cv);
    size_t col = cv_puts(&c->cv, row, c->w, arrow, ST_BLUE);
    col = cv_puts(&c->cv, row, col, " ", ST_NONE);
    fl_strbuf name = {0};
    fl_escape_name(&name, fl_srcmap_path(c->sm, sp.file));
    col = cv_text(&c->cv, row, col, fl_sb_str(&name), name.len, ST_NONE);
    fl_sb_free(&name);
    uint32_t line, lc;
    if (fl_srcmap_line_col(c->sm, sp.file, sp.begin, &line, &lc)) {
        char buf[32];
        snprintf(buf, sizeof buf, ":%u:%u", (unsigned)line, (unsigned)lc);
        cv_puts(&c->cv, row, col, buf, ST_NONE);
    }
}

/* `error[E0373]: message`; the main header's message is bold, a child's is plain. */
static void header(ctx *c, diag_level level, const char *code, const char *msg, bool main)
{
    size_t row = cv_row(&c->cv);
    uint8_t st = level_style(level);
    size_t col = cv_puts(&c->cv, row, 0, diag_level_name(level), st);
    if (code) {
        col = cv_puts(&c->cv, row, col, "[", st);
        col = cv_text(&c->cv, row, col, code, strlen(code), st);
        col = cv_puts(&c->cv, row, col, "]", st);
    }
    col = cv_puts(&c->cv, row, col, ": ", main ? ST_BOLD : ST_NONE);
    cv_message(&c->cv, row, col, msg ? msg : "", main ? ST_BOLD : ST_NONE);
}

/* ---- suggestions --------------------------------------------------------------------------- */

static bool line_text(fl_srcmap *sm, uint32_t file, uint32_t line, const char **s, size_t *n)
{
    *s = fl_srcmap_line(sm, file, line, n);
    if (!*s) {
        *s = "";
        *n = 0;
        return false;
    }
    return true;
}

/* `12 + text` / `12 - text` (diff form of a suggestion). */
static void diff_row(ctx *c, uint32_t line, char mark, const char *s, size_t n)
{
    size_t row = cv_row(&c->cv);
    line_number(c, row, line);
    cv_putc(&c->cv, row, c->w + 1, mark, mark == '+' ? ST_ADDED : ST_REMOVED);
    cv_text(&c->cv, row, c->w + 3, s, n, ST_NONE);
}

/* rustc's suggestion: a pure insertion is shown in place with `+++` under the new text; any
   other edit as `-` old lines and `+` new lines. */
static void suggestion(ctx *c, const diag_child *ch)
{
    fl_srcmap *sm = c->sm;
    uint32_t f = ch->span.file, l1, c1, l2, c2;
    uint32_t end = ch->span.end < ch->span.begin ? ch->span.begin : ch->span.end;
    fl_srcmap_line_col(sm, f, ch->span.begin, &l1, &c1);
    fl_srcmap_line_col(sm, f, end, &l2, &c2);
    const char *first, *last;
    size_t nfirst, nlast;
    line_text(sm, f, l1, &first, &nfirst);
    line_text(sm, f, l2, &last, &nlast);
    size_t b = c1 - 1 < nfirst ? c1 - 1 : nfirst;
    size_t e = c2 - 1 < nlast ? c2 - 1 : nlast;
    const char *repl = ch->replacement;
    size_t nrepl = strlen(repl);

    fl_strbuf old = {0}, neu = {0};
    if (l1 == l2) {
        fl_sb_putn(&old, first + b, e > b ? e - b : 0);
    } else {
        fl_sb_putn(&old, first + b, nfirst - b);
        for (uint32_t l = l1 + 1; l < l2; l++) {
            const char *s;
            size_t n;
            line_text(sm, f, l, &s, &n);
            fl_sb_putc(&old, '\n');
            fl_sb_putn(&old, s, n);
        }
        fl_sb_putc(&old, '\n');
        fl_sb_putn(&old, last, e);
    }
    fl_sb_putn(&neu, first, b);
    fl_sb_putn(&neu, repl, nrepl);
    fl_sb_putn(&neu, last + e, nlast - e);

    empty_gutter(c);
    const char *o = fl_sb_str(&old);
    size_t no = old.len, pre = 0, suf = 0;
    while (pre < no && pre < nrepl && o[pre] == repl[pre])
        pre++;
    while (suf < no - pre && suf < nrepl - pre && o[no - 1 - suf] == repl[nrepl - 1 - suf])
        suf++;
    if (l1 == l2 && !memchr(repl, '\n', nrepl) && pre + suf == no) {
        const char *s = fl_sb_str(&neu);
        size_t row = cv_row(&c->cv);
        line_number(c, row, l1);
        gutter_sep(c, row);
        cv_text(&c->cv, row, c->w + 3, s, neu.len, ST_NONE);
        uint32_t from = disp_col(s, neu.len, b + pre), to = disp_col(s, neu.len, b + nrepl - suf);
        if (to > from) {
            row = empty_gutter(c);
            for (uint32_t col = from; col < to; col++)
                cv_putc(&c->cv, row, c->w + 3 + col, '+', ST_ADDED);
        }
    } else if (ch->span.begin == end && c1 == 1 && nrepl && repl[nrepl - 1] == '\n') {
        /* whole lines inserted before line l1: only the new lines, as rustc shows them */
        const char *s = repl;
        for (uint32_t l = l1; *s; l++) {
            const char *nl = strchr(s, '\n');
            diff_row(c, l, '+', s, (size_t)(nl - s));
            s = nl + 1;
        }
        empty_gutter(c);
    } else {
        for (uint32_t l = l1; l <= l2; l++) {
            const char *s;
            size_t n;
            line_text(sm, f, l, &s, &n);
            diff_row(c, l, '-', s, n);
        }
        const char *s = fl_sb_str(&neu);
        uint32_t l = l1;
        for (;;) {
            const char *nl = memchr(s, '\n', neu.len - (size_t)(s - fl_sb_str(&neu)));
            diff_row(c, l++, '+', s, nl ? (size_t)(nl - s) : strlen(s));
            if (!nl)
                break;
            s = nl + 1;
        }
        empty_gutter(c);
    }
    fl_sb_free(&old);
    fl_sb_free(&neu);
}

/* ---- whole diagnostics --------------------------------------------------------------------- */

static size_t digits(uint32_t v)
{
    size_t d = 1;
    while (v >= 10) {
        v /= 10;
        d++;
    }
    return d;
}

static uint32_t span_last_line(fl_srcmap *sm, fl_span sp, uint32_t extra_lines)
{
    uint32_t line, col;
    if (!loc_of(sm, sp, sp.begin, &line, &col))
        return 0;
    uint32_t l2 = line, c2;
    loc_of(sm, sp, sp.end, &l2, &c2);
    return (l2 > line ? l2 : line) + extra_lines;
}

/* The gutter is shared by the whole diagnostic (children included), as in rustc. */
static size_t gutter_width(const diag *d, fl_srcmap *sm)
{
    uint32_t max = 0;
    for (uint32_t i = 0; i < d->nlabels; i++) {
        uint32_t line, col;
        if (loc_of(sm, d->labels[i].span, d->labels[i].span.begin, &line, &col) && line > max)
            max = line;
    }
    for (uint32_t i = 0; i < d->nchildren; i++) {
        const diag_child *ch = &d->children[i];
        uint32_t last = 0;
        if (ch->replacement) {
            uint32_t nl = 0;
            for (const char *p = ch->replacement; *p; p++)
                nl += *p == '\n';
            last = span_last_line(sm, ch->span, nl);
        } else {
            uint32_t col;
            if (!loc_of(sm, ch->span, ch->span.begin, &last, &col))
                last = 0;
        }
        if (last > max)
            max = last;
    }
    return digits(max);
}

/* The labels of `file`, as annotations. */
static size_t file_anns(ctx *c, const diag *d, uint32_t file, ann *out)
{
    size_t n = 0;
    /* Primary first: rustc lists primary spans before the other labels. */
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t i = 0; i < d->nlabels; i++) {
            const diag_label *l = &d->labels[i];
            if (l->span.file != file || l->primary != (pass == 0))
                continue;
            out[n++] = make_ann(c->sm, l->span, l->text, l->primary,
                                l->primary ? level_style(d->level) : ST_BLUE);
        }
    return n;
}

static void render_children(ctx *c, const diag *d)
{
    for (uint32_t i = 0; i < d->nchildren; i++) {
        const diag_child *ch = &d->children[i];
        bool located = fl_span_valid(ch->span) && file_readable(c->sm, ch->span.file);
        if (located && ch->replacement) {
            header(c, ch->level, NULL, ch->message, false);
            suggestion(c, ch);
        } else if (located || fl_span_valid(ch->span)) {
            header(c, ch->level, NULL, ch->message, false);
            location_row(c, "-->", ch->span);
            if (located) {
                empty_gutter(c);
                ann a = make_ann(c->sm, ch->span, NULL, true, level_style(ch->level));
                snippet(c, ch->span.file, &a, 1);
            }
        } else {
            size_t row = cv_row(&c->cv);
            cv_putc(&c->cv, row, c->w + 1, '=', ST_BLUE);
            size_t col = cv_puts(&c->cv, row, c->w + 3, diag_level_name(ch->level), level_style(ch->level));
            col = cv_puts(&c->cv, row, col, ": ", ST_NONE);
            cv_message(&c->cv, row, col, ch->message ? ch->message : "", ST_NONE);
        }
    }
}

static void draw_diag(ctx *c, const diag *d)
{
    header(c, d->level, d->code, d->message, true);
    const diag_label *p = diag_primary_label(d);
    if (p && fl_span_valid(p->span)) {
        ann *as = fl_xcalloc(d->nlabels, sizeof *as);
        location_row(c, "-->", p->span);
        if (file_readable(c->sm, p->span.file)) {
            empty_gutter(c);
            size_t n = file_anns(c, d, p->span.file, as);
            snippet(c, p->span.file, as, n);
        }
        /* Other files in order of first appearance, each in its own `:::` section. */
        for (uint32_t i = 0; i < d->nlabels; i++) {
            uint32_t f = d->labels[i].span.file;
            bool seen = f == FL_NO_FILE || f == p->span.file;
            for (uint32_t j = 0; j < i && !seen; j++)
                seen = d->labels[j].span.file == f;
            if (seen)
                continue;
            fl_span first = d->labels[i].span;
            for (uint32_t j = i + 1; j < d->nlabels; j++)
                if (d->labels[j].span.file == f && d->labels[j].span.begin < first.begin)
                    first = d->labels[j].span;
            empty_gutter(c);
            location_row(c, ":::", first);
            if (file_readable(c->sm, f)) {
                empty_gutter(c);
                size_t n = file_anns(c, d, f, as);
                snippet(c, f, as, n);
            }
        }
        free(as);
    }
    if (d->nchildren > 0) {
        empty_gutter(c);
        render_children(c, d);
    }
    cv_row(&c->cv); /* the blank line that ends every diagnostic */
}

char *render_human_one(const diag *d, fl_srcmap *sm, bool color)
{
    ctx c = {.sm = sm};
    c.w = gutter_width(d, sm);
    draw_diag(&c, d);
    fl_strbuf out = {0};
    cv_emit(&c.cv, &out, color);
    cv_free(&c.cv);
    return fl_sb_take(&out);
}

static void plural(fl_strbuf *sb, size_t n, const char *word)
{
    fl_sb_printf(sb, "%zu %s%s", n, word, n == 1 ? "" : "s");
}

void render_human(diag_sink *s, FILE *out, bool color)
{
    fl_srcmap *sm = diag_sink_srcmap(s);
    for (size_t i = 0; i < diag_sink_count(s); i++) {
        char *text = render_human_one(diag_sink_get(s, i), sm, color);
        fputs(text, out);
        free(text);
    }
    size_t ne = diag_sink_errors(s), nw = diag_sink_warnings(s);
    if (ne == 0 && nw == 0)
        return;
    fl_strbuf msg = {0};
    if (ne)
        plural(&msg, ne, "error");
    if (ne && nw)
        fl_sb_puts(&msg, " and ");
    if (nw)
        plural(&msg, nw, "warning");
    size_t nf = diag_sink_files_with(s, true);
    if (nf) {
        fl_sb_puts(&msg, " in ");
        plural(&msg, nf, "file");
    }
    ctx c = {.sm = sm};
    size_t row = cv_row(&c.cv);
    size_t col = cv_puts(&c.cv, row, 0, ne ? "error" : "warning", ne ? ST_ERROR : ST_WARNING);
    col = cv_puts(&c.cv, row, col, ": ", ST_BOLD);
    cv_puts(&c.cv, row, col, fl_sb_str(&msg), ST_BOLD);
    fl_strbuf text = {0};
    cv_emit(&c.cv, &text, color);
    fputs(fl_sb_str(&text), out);
    fl_sb_free(&text);
    fl_sb_free(&msg);
    cv_free(&c.cv);
}
