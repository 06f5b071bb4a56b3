/* sink.c - the diagnostic collection: promotion on add, stable sort and dedup on finish. */
#include "sink.h"

#include <stdlib.h>
#include <string.h>

#include "../base/glob.h"
#include "../base/vec.h"
#include "../base/xalloc.h"
#include "fixit.h"

struct diag_sink {
    fl_srcmap *sm;
    char *warnings_as_errors; /* NULL: none */
    FL_VEC(diag *) diags;
    suppress_set *sup; /* borrowed, or NULL */
    bool report_unused;
    size_t suppressed;
    diag_level_fn level_fn;
    void *level_ctx;
    bool policy_applied; /* finish ran once: levels and suppressions are final */
    identity_map *ids;
    const diag_sink_tap *tap; /* borrowed, or NULL */
    void *tap_ctx;
};

diag_sink *diag_sink_new(fl_srcmap *sm)
{
    diag_sink *s = fl_xcalloc(1, sizeof *s);
    s->sm = sm;
    s->ids = identity_new(sm);
    return s;
}

void diag_sink_free(diag_sink *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->diags.len; i++)
        diag_free(s->diags.items[i]);
    fl_vec_free(&s->diags);
    free(s->warnings_as_errors);
    identity_free(s->ids);
    free(s);
}

void diag_sink_set_warnings_as_errors(diag_sink *s, const char *globs)
{
    free(s->warnings_as_errors);
    s->warnings_as_errors = globs && *globs ? fl_xstrdup(globs) : NULL;
}

void diag_sink_set_suppressions(diag_sink *s, suppress_set *sup, bool report_unused)
{
    s->sup = sup;
    s->report_unused = report_unused;
}

void diag_sink_set_level_fn(diag_sink *s, diag_level_fn fn, void *ctx)
{
    s->level_fn = fn;
    s->level_ctx = ctx;
}

void diag_sink_set_tap(diag_sink *s, const diag_sink_tap *tap, void *ctx)
{
    s->tap = tap;
    s->tap_ctx = ctx;
}

void diag_sink_add_function(diag_sink *s, fl_span extent, const char *name)
{
    if (s->tap)
        s->tap->function(s->tap_ctx, extent, name);
    identity_add_function(s->ids, extent, name);
}

const char *diag_sink_function_at(const diag_sink *s, fl_span span)
{
    return identity_function_at(s->ids, span);
}

void diag_sink_add(diag_sink *s, diag *d)
{
    if (s->tap)
        s->tap->diag(s->tap_ctx, d);
    if (d->level == LVL_WARNING && d->check && s->warnings_as_errors &&
        fl_glob_list_match(s->warnings_as_errors, d->check))
        d->level = LVL_ERROR;
    fl_vec_push(&s->diags, d);
}

static const diag_label *located_primary(const diag *d)
{
    const diag_label *p = diag_primary_label(d);
    return p && fl_span_valid(p->span) ? p : NULL;
}

/* NULL sorts before any string. */
static int strcmp_null(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

/* Where d sorts: its primary span, else the span it follows (d->sort_after, with *after set);
   false when it has neither. */
static bool sort_at(const diag *d, fl_span *sp, bool *after)
{
    const diag_label *p = located_primary(d);
    *after = !p && fl_span_valid(d->sort_after);
    if (p)
        *sp = p->span;
    else if (*after)
        *sp = d->sort_after;
    return p || *after;
}

static int cmp_diag(const diag *a, const diag *b, const fl_srcmap *sm)
{
    fl_span sa, sb;
    bool aa, ab;
    bool la = sort_at(a, &sa, &aa), lb = sort_at(b, &sb, &ab);
    if (!la || !lb) {
        if (la || lb)
            return la ? 1 : -1; /* diagnostics without a location first */
    } else {
        int c = strcmp(fl_srcmap_path(sm, sa.file), fl_srcmap_path(sm, sb.file));
        if (c)
            return c;
        if (sa.begin != sb.begin)
            return sa.begin < sb.begin ? -1 : 1;
        if (aa != ab)
            return aa ? 1 : -1; /* what follows a place comes after what is there */
    }
    int c = strcmp_null(a->code, b->code);
    return c ? c : strcmp_null(a->message, b->message);
}

static bool same_span(const diag *a, const diag *b)
{
    const diag_label *pa = located_primary(a), *pb = located_primary(b);
    if (!pa || !pb)
        return !pa && !pb;
    return pa->span.file == pb->span.file && pa->span.begin == pb->span.begin &&
           pa->span.end == pb->span.end;
}

static bool duplicate(const diag *a, const diag *b)
{
    return a->level == b->level && strcmp_null(a->code, b->code) == 0 &&
           strcmp_null(a->check, b->check) == 0 && strcmp_null(a->message, b->message) == 0 &&
           same_span(a, b);
}

/* Merge sort: stable, so equal keys keep the order in which the checks reported them. */
static void merge_sort(diag **v, diag **tmp, size_t n, const fl_srcmap *sm)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    merge_sort(v, tmp, h, sm);
    merge_sort(v + h, tmp, n - h, sm);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = cmp_diag(v[j], v[i], sm) < 0 ? v[j++] : v[i++];
    while (i < h)
        tmp[k++] = v[i++];
    while (j < n)
        tmp[k++] = v[j++];
    memcpy(v, tmp, n * sizeof *v);
}

static void push_diag(void *ctx, diag *d)
{
    diag_sink_add(ctx, d);
}

/* Drop the suppressed findings and those of checks that are off where they are, set the
   configured levels, then add what is wrong with the suppressions themselves. */
static void apply_policy(diag_sink *s)
{
    if (s->policy_applied)
        return;
    s->policy_applied = true;
    size_t out = 0;
    for (size_t i = 0; i < s->diags.len; i++) {
        diag *d = s->diags.items[i];
        int level = d->check && s->level_fn ? s->level_fn(s->level_ctx, d) : (int)d->level;
        bool suppressed = level >= 0 && s->sup && suppress_match(s->sup, d);
        if (level < 0 || suppressed) {
            s->suppressed += suppressed && d->level != LVL_NOTE;
            diag_free(d);
            continue;
        }
        d->level = (diag_level)level;
        s->diags.items[out++] = d;
    }
    s->diags.len = out;
    if (s->sup)
        suppress_report(s->sup, s->report_unused, push_diag, s);
}

void diag_sink_finish(diag_sink *s)
{
    apply_policy(s);
    size_t n = s->diags.len;
    if (n == 0)
        return;
    diag **v = s->diags.items;
    diag **tmp = fl_xmalloc(n * sizeof *tmp);
    merge_sort(v, tmp, n, s->sm);
    free(tmp);
    /* Duplicates share the sort key, so they sit in the same run of equal keys (though not
       necessarily next to each other: level and check are not part of the key). */
    size_t out = 0, run = 0;
    for (size_t i = 0; i < n; i++) {
        if (out > run && cmp_diag(v[run], v[i], s->sm) != 0)
            run = out;
        bool dup = false;
        for (size_t k = run; k < out && !dup; k++)
            dup = duplicate(v[k], v[i]);
        if (dup)
            diag_free(v[i]);
        else
            v[out++] = v[i];
    }
    s->diags.len = out;
    for (size_t i = 0; i < out; i++)
        fixit_resolve(s->sm, v[i]);
    identity_assign(s->ids, v, out);
}

size_t diag_sink_retain(diag_sink *s, bool (*keep)(void *ctx, const diag *d), void *ctx)
{
    size_t out = 0, n = s->diags.len;
    for (size_t i = 0; i < n; i++) {
        diag *d = s->diags.items[i];
        if (keep(ctx, d))
            s->diags.items[out++] = d;
        else
            diag_free(d);
    }
    s->diags.len = out;
    return n - out;
}

size_t diag_sink_count(const diag_sink *s) { return s->diags.len; }

size_t diag_sink_suppressed(const diag_sink *s) { return s->suppressed; }

const diag *diag_sink_get(const diag_sink *s, size_t i)
{
    if (i >= s->diags.len)
        fl_bug("diag_sink_get: index %zu of %zu", i, s->diags.len);
    return s->diags.items[i];
}

fl_srcmap *diag_sink_srcmap(const diag_sink *s) { return s->sm; }

static size_t count_level(const diag_sink *s, diag_level l)
{
    size_t n = 0;
    for (size_t i = 0; i < s->diags.len; i++)
        n += s->diags.items[i]->level == l;
    return n;
}

size_t diag_sink_errors(const diag_sink *s) { return count_level(s, LVL_ERROR); }

size_t diag_sink_warnings(const diag_sink *s) { return count_level(s, LVL_WARNING); }

size_t diag_sink_files_with(const diag_sink *s, bool warnings)
{
    FL_VEC(uint32_t) files = {0};
    for (size_t i = 0; i < s->diags.len; i++) {
        const diag *d = s->diags.items[i];
        if (!(d->level == LVL_ERROR || (warnings && d->level == LVL_WARNING)))
            continue;
        const diag_label *p = located_primary(d);
        if (!p)
            continue;
        bool seen = false;
        for (size_t k = 0; k < files.len && !seen; k++)
            seen = files.items[k] == p->span.file;
        if (!seen)
            fl_vec_push(&files, p->span.file);
    }
    size_t n = files.len;
    fl_vec_free(&files);
    return n;
}

bool diag_sink_has_input_errors(const diag_sink *s)
{
    for (size_t i = 0; i < s->diags.len; i++)
        if (s->diags.items[i]->level == LVL_ERROR && !s->diags.items[i]->check)
            return true;
    return false;
}
