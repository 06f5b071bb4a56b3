/* diag.c - building and freeing diagnostics. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "../base/strbuf.h"
#include "../base/xalloc.h"

static char *vformat(const char *fmt, va_list ap)
{
    if (!fmt)
        return NULL;
    fl_strbuf sb = {0};
    fl_sb_vprintf(&sb, fmt, ap);
    return fl_sb_take(&sb);
}

diag *diag_new(diag_level level, const char *code, const char *check, const char *fmt, ...)
{
    diag *d = fl_xcalloc(1, sizeof *d);
    d->level = level;
    d->code = fl_xstrdup(code);
    d->check = fl_xstrdup(check);
    d->sort_after = fl_span_none();
    va_list ap;
    va_start(ap, fmt);
    d->message = vformat(fmt, ap);
    va_end(ap);
    return d;
}

static void add_label(diag *d, fl_span span, bool primary, char *text)
{
    d->labels = fl_xrealloc(d->labels, (d->nlabels + 1) * sizeof *d->labels);
    d->labels[d->nlabels++] = (diag_label){span, text, primary};
}

void diag_primary(diag *d, fl_span span, const char *fmt, ...)
{
    if (diag_primary_label(d))
        fl_bug("diagnostic \"%s\" given two primary spans", d->message);
    va_list ap;
    va_start(ap, fmt);
    add_label(d, span, true, vformat(fmt, ap));
    va_end(ap);
}

void diag_secondary(diag *d, fl_span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_label(d, span, false, vformat(fmt, ap));
    va_end(ap);
}

static void add_child(diag *d, diag_level level, fl_span span, const char *replacement, char *msg)
{
    d->children = fl_xrealloc(d->children, (d->nchildren + 1) * sizeof *d->children);
    d->children[d->nchildren++] = (diag_child){level, msg, span, fl_xstrdup(replacement), false};
}

void diag_note(diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_child(d, LVL_NOTE, fl_span_none(), NULL, vformat(fmt, ap));
    va_end(ap);
}

void diag_note_at(diag *d, fl_span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_child(d, LVL_NOTE, span, NULL, vformat(fmt, ap));
    va_end(ap);
}

void diag_help(diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_child(d, LVL_HELP, fl_span_none(), NULL, vformat(fmt, ap));
    va_end(ap);
}

void diag_help_replace(diag *d, fl_span span, const char *replacement, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_child(d, LVL_HELP, span, replacement, vformat(fmt, ap));
    va_end(ap);
}

void diag_help_insert_stmt(diag *d, fl_span before, const char *stmt, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_child(d, LVL_HELP, before, stmt, vformat(fmt, ap));
    va_end(ap);
    d->children[d->nchildren - 1].before_stmt = true;
}

const diag_label *diag_primary_label(const diag *d)
{
    for (uint32_t i = 0; i < d->nlabels; i++)
        if (d->labels[i].primary)
            return &d->labels[i];
    return NULL;
}

diag *diag_clone(const diag *d)
{
    diag *c = fl_xcalloc(1, sizeof *c);
    *c = *d;
    c->code = fl_xstrdup(d->code);
    c->check = fl_xstrdup(d->check);
    c->message = fl_xstrdup(d->message);
    c->id = fl_xstrdup(d->id);
    c->labels = d->nlabels ? fl_xcalloc(d->nlabels, sizeof *c->labels) : NULL;
    for (uint32_t i = 0; i < d->nlabels; i++)
        c->labels[i] = (diag_label){d->labels[i].span, fl_xstrdup(d->labels[i].text), d->labels[i].primary};
    c->children = d->nchildren ? fl_xcalloc(d->nchildren, sizeof *c->children) : NULL;
    for (uint32_t i = 0; i < d->nchildren; i++) {
        c->children[i] = d->children[i];
        c->children[i].message = fl_xstrdup(d->children[i].message);
        c->children[i].replacement = fl_xstrdup(d->children[i].replacement);
    }
    return c;
}

void diag_free(diag *d)
{
    if (!d)
        return;
    for (uint32_t i = 0; i < d->nlabels; i++)
        free(d->labels[i].text);
    for (uint32_t i = 0; i < d->nchildren; i++) {
        free(d->children[i].message);
        free(d->children[i].replacement);
    }
    free(d->labels);
    free(d->children);
    free(d->code);
    free(d->check);
    free(d->message);
    free(d->id);
    free(d);
}

const char *diag_level_name(diag_level l)
{
    switch (l) {
    case LVL_ERROR: return "error";
    case LVL_WARNING: return "warning";
    case LVL_NOTE: return "note";
    case LVL_HELP: return "help";
    }
    return "error";
}
