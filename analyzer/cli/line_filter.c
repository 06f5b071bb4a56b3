/* line_filter.c - parsing clang-tidy's --line-filter JSON and filtering findings with it.
 *
 * A small recursive-descent reader for exactly this shape: an array of objects with "name"
 * (a string) and "lines" (an array of [first, last] pairs); other keys are skipped whatever
 * their value.
 */
#include "line_filter.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/strbuf.h"
#include "../base/vec.h"
#include "../base/xalloc.h"

typedef struct lf_range {
    unsigned first, last;
} lf_range;

typedef struct lf_file {
    char *name;
    FL_VEC(lf_range) lines; /* empty: every line */
} lf_file;

struct line_filter {
    fl_srcmap *sm;
    FL_VEC(lf_file) files;
};

typedef struct reader {
    const char *p;
    const char *err; /* what was expected, at the first error */
} reader;

static void ws(reader *r)
{
    while (isspace((unsigned char)*r->p))
        r->p++;
}

static bool eat(reader *r, char c)
{
    ws(r);
    if (*r->p != c) {
        if (!r->err)
            r->err = c == ']' ? "`,` or `]`" : c == '}' ? "`,` or `}`" : c == ':' ? "`:`" : c == '[' ? "`[`" : "`{`";
        return false;
    }
    r->p++;
    return true;
}

static bool try_eat(reader *r, char c)
{
    ws(r);
    if (*r->p != c)
        return false;
    r->p++;
    return true;
}

/* A string, without escapes beyond \" and \\ (file names); heap-owned, or NULL. */
static char *string(reader *r)
{
    ws(r);
    if (*r->p != '"') {
        r->err = r->err ? r->err : "a string";
        return NULL;
    }
    fl_strbuf sb = {0};
    for (r->p++; *r->p && *r->p != '"'; r->p++) {
        if (*r->p == '\\' && r->p[1])
            r->p++;
        fl_sb_putc(&sb, *r->p);
    }
    if (*r->p != '"') {
        fl_sb_free(&sb);
        r->err = r->err ? r->err : "the end of a string";
        return NULL;
    }
    r->p++;
    return fl_sb_take(&sb);
}

static bool number(reader *r, unsigned *out)
{
    ws(r);
    if (!isdigit((unsigned char)*r->p)) {
        r->err = r->err ? r->err : "a line number";
        return false;
    }
    *out = (unsigned)strtoul(r->p, (char **)&r->p, 10);
    return true;
}

/* Skip any JSON value. */
static bool skip_value(reader *r)
{
    ws(r);
    char c = *r->p;
    if (c == '"') {
        free(string(r));
        return !r->err;
    }
    if (c == '[' || c == '{') {
        char close = c == '[' ? ']' : '}';
        r->p++;
        if (try_eat(r, close))
            return true;
        do {
            if (c == '{') {
                free(string(r));
                if (r->err || !eat(r, ':'))
                    return false;
            }
            if (!skip_value(r))
                return false;
        } while (try_eat(r, ','));
        return eat(r, close);
    }
    const char *b = r->p;
    while (*r->p && (isalnum((unsigned char)*r->p) || strchr("+-.", *r->p)))
        r->p++;
    if (r->p == b) {
        r->err = r->err ? r->err : "a value";
        return false;
    }
    return true;
}

static bool lines(reader *r, lf_file *f)
{
    if (!eat(r, '['))
        return false;
    if (try_eat(r, ']'))
        return true;
    do {
        lf_range rg;
        if (!eat(r, '[') || !number(r, &rg.first) || !eat(r, ',') || !number(r, &rg.last) || !eat(r, ']'))
            return false;
        fl_vec_push(&f->lines, rg);
    } while (try_eat(r, ','));
    return eat(r, ']');
}

static bool file_entry(reader *r, line_filter *lf)
{
    if (!eat(r, '{'))
        return false;
    lf_file f = {0};
    if (!try_eat(r, '}')) {
        do {
            char *key = string(r);
            bool ok = key && eat(r, ':');
            if (ok && !strcmp(key, "name")) {
                free(f.name);
                ok = (f.name = string(r)) != NULL;
            } else if (ok && !strcmp(key, "lines")) {
                ok = lines(r, &f);
            } else if (ok) {
                ok = skip_value(r);
            }
            free(key);
            if (!ok) {
                free(f.name);
                fl_vec_free(&f.lines);
                return false;
            }
        } while (try_eat(r, ','));
        if (!eat(r, '}')) {
            free(f.name);
            fl_vec_free(&f.lines);
            return false;
        }
    }
    if (!f.name)
        f.name = fl_xstrdup(""); /* no name: matches every file, as an empty suffix does */
    fl_vec_push(&lf->files, f);
    return true;
}

line_filter *line_filter_parse(const char *json, fl_srcmap *sm, char **err)
{
    line_filter *lf = fl_xcalloc(1, sizeof *lf);
    lf->sm = sm;
    reader r = {json, NULL};
    bool ok = eat(&r, '[');
    if (ok && !try_eat(&r, ']')) {
        do
            ok = file_entry(&r, lf);
        while (ok && try_eat(&r, ','));
        ok = ok && eat(&r, ']');
    }
    ws(&r);
    if (ok && *r.p) {
        r.err = "the end of the list";
        ok = false;
    }
    if (!ok) {
        *err = fl_xasprintf("invalid --line-filter: expected %s at offset %zu", r.err ? r.err : "JSON",
                            (size_t)(r.p - json));
        line_filter_free(lf);
        return NULL;
    }
    return lf;
}

void line_filter_free(line_filter *lf)
{
    if (!lf)
        return;
    for (size_t i = 0; i < lf->files.len; i++) {
        free(lf->files.items[i].name);
        fl_vec_free(&lf->files.items[i].lines);
    }
    fl_vec_free(&lf->files);
    free(lf);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return k <= n && strcmp(s + n - k, suffix) == 0;
}

/* Whether the finding at p, in the file shown as `path` (and `abs`, its absolute form when the
   shown path is relative, or NULL), passes. */
static bool matches(line_filter *lf, const char *path, const char *abs, const diag_label *p)
{
    uint32_t line = 0, col;
    fl_srcmap_line_col(lf->sm, p->span.file, p->span.begin, &line, &col);
    for (size_t i = 0; i < lf->files.len; i++) {
        const lf_file *f = &lf->files.items[i];
        if (!ends_with(path, f->name) && !(abs && ends_with(abs, f->name)))
            continue;
        if (!f->lines.len)
            return true;
        for (size_t k = 0; k < f->lines.len; k++)
            if (f->lines.items[k].first <= line && line <= f->lines.items[k].last)
                return true;
    }
    return false;
}

bool line_filter_keep(void *ctx, const diag *d)
{
    line_filter *lf = ctx;
    const diag_label *p = diag_primary_label(d);
    if (!lf->files.len || !d->check || !p || !fl_span_valid(p->span))
        return true;
    const char *path = fl_srcmap_path(lf->sm, p->span.file);
    char cwd[4096], *abs = NULL;
    if (path[0] != '/' && getcwd(cwd, sizeof cwd))
        abs = fl_xasprintf("%s/%s", cwd, path); /* a filter name may be longer than our relative path */
    bool keep = matches(lf, path, abs, p);
    free(abs);
    return keep;
}
