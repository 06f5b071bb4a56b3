/* suppress.c - suppressions read from comments and FL_ALLOW, matched against findings.
 *
 * A file's comments are scanned once, the first time a finding points into it (or when it is
 * added as analyzed), into a list of line ranges with the checks they name. String and
 * character literals are skipped so that "// NOLINT" inside a string does nothing.
 */
#define _GNU_SOURCE /* memmem */
#include "suppress.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../base/glob.h"
#include "../base/suggest.h"
#include "../base/vec.h"
#include "../base/xalloc.h"

typedef enum supp_kind {
    SUPP_NOLINT,        /* // NOLINT[(list)] */
    SUPP_NEXTLINE,      /* // NOLINTNEXTLINE[(list)] */
    SUPP_BEGIN,         /* // NOLINTBEGIN[(list)] ... // NOLINTEND[(list)] */
    SUPP_ALLOW_COMMENT, /* // fearless: allow(list) -- reason */
    SUPP_FL_ALLOW,      /* FL_ALLOW(list) on a function, or on a variable (`name` set) */
} supp_kind;

typedef struct supp {
    supp_kind kind;
    uint32_t file;             /* where the lines are (comment forms) */
    uint32_t line_lo, line_hi; /* lines covered, inclusive (comment forms) */
    fl_span extent;            /* SUPP_FL_ALLOW: the function's definition, or the variable's name */
    char *name;                /* SUPP_FL_ALLOW on a variable: its name; else NULL */
    bool any_file;             /* ... with external linkage: findings in every file */
    fl_span where;             /* the comment's directive or the annotation, for messages */
    char *list;                /* the checks named, as written; NULL: every check */
    bool used;
} supp;

struct suppress_set {
    fl_srcmap *sm;
    const char *const *checks;
    size_t nchecks;
    FL_VEC(supp) supps;
    FL_VEC(uint8_t) state; /* by file id: ST_SCANNED | ST_ANALYZED */
};

enum { ST_SCANNED = 1, ST_ANALYZED = 2 };

#define FEARLESS_PREFIX "fearless-"

suppress_set *suppress_new(fl_srcmap *sm, const char *const *checks, size_t nchecks)
{
    suppress_set *s = fl_xcalloc(1, sizeof *s);
    s->sm = sm;
    s->checks = checks;
    s->nchecks = nchecks;
    return s;
}

void suppress_free(suppress_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->supps.len; i++) {
        free(s->supps.items[i].list);
        free(s->supps.items[i].name);
    }
    fl_vec_free(&s->supps);
    fl_vec_free(&s->state);
    free(s);
}

static uint8_t *state_of(suppress_set *s, uint32_t file)
{
    while (s->state.len <= file)
        fl_vec_push(&s->state, 0);
    return &s->state.items[file];
}

/* ---- check lists ---- */

/* Strip `fearless-` from an item; true if it was there. */
static bool strip_prefix(const char **item, size_t *len)
{
    size_t pl = sizeof FEARLESS_PREFIX - 1;
    if (*len > pl && strncmp(*item, FEARLESS_PREFIX, pl) == 0) {
        *item += pl;
        *len -= pl;
        return true;
    }
    return false;
}

static bool list_matches(const char *list, const char *check)
{
    if (!list)
        return true;
    const char *p = list, *item;
    size_t len;
    while (fl_list_next(&p, &item, &len)) {
        strip_prefix(&item, &len);
        if (fl_glob_match(item, check, (int)len))
            return true;
    }
    return false;
}

static bool known_check(const suppress_set *s, const char *item, size_t len)
{
    for (size_t i = 0; i < s->nchecks; i++)
        if (strlen(s->checks[i]) == len && strncmp(s->checks[i], item, len) == 0)
            return true;
    return false;
}

/* A suppression names fearless's checks (so an unused one is worth reporting) when it is
   fearless's own form, or a NOLINT list with a fearless check or a `fearless-` item. A bare
   NOLINT, or one naming only other tools' checks, is not ours to judge. */
static bool is_ours(const suppress_set *s, const supp *sp)
{
    if (sp->kind == SUPP_ALLOW_COMMENT || sp->kind == SUPP_FL_ALLOW)
        return true;
    if (!sp->list)
        return false;
    const char *p = sp->list, *item;
    size_t len;
    while (fl_list_next(&p, &item, &len))
        if (strip_prefix(&item, &len) || known_check(s, item, len))
            return true;
    return false;
}

/* ---- scanning comments ---- */

static bool word_at(const char *t, size_t n, size_t i, const char *w)
{
    size_t wl = strlen(w);
    return i + wl <= n && memcmp(t + i, w, wl) == 0;
}

/* The `(list)` right at t[*i] (no space before it, as in clang-tidy): a heap copy of the list,
   *i moved past `)`; NULL (every check) when there is none. An empty `()` names no check. */
static char *paren_list(const char *t, size_t end, size_t *i)
{
    if (*i >= end || t[*i] != '(')
        return NULL;
    size_t close = *i + 1;
    while (close < end && t[close] != ')' && t[close] != '\n')
        close++;
    if (close >= end || t[close] != ')')
        return NULL;
    char *list = fl_xstrndup(t + *i + 1, close - *i - 1);
    *i = close + 1;
    return list;
}

static bool blank_between(const char *t, size_t a, size_t b)
{
    for (size_t k = a; k < b; k++)
        if (!isspace((unsigned char)t[k]))
            return false;
    return true;
}

/* The line after `line` (which ends at or after offset e) that holds code: not blank and not
   starting with a comment. */
static uint32_t next_code_line(const char *t, size_t n, size_t e, uint32_t line)
{
    size_t i = e;
    for (;;) {
        while (i < n && t[i] != '\n')
            i++;
        if (i >= n)
            return line + 1;
        i++;
        line++;
        size_t k = i;
        while (k < n && (t[k] == ' ' || t[k] == '\t' || t[k] == '\r' || t[k] == '\f'))
            k++;
        if (k < n && t[k] != '\n' && !word_at(t, n, k, "//") && !word_at(t, n, k, "/*"))
            return line;
    }
}

static void push_supp(suppress_set *s, supp_kind kind, uint32_t file, uint32_t lo, uint32_t hi,
                      size_t wb, size_t we, char *list)
{
    supp sp = {kind, file, lo, hi, fl_span_none(), NULL, false, {file, (uint32_t)wb, (uint32_t)we}, list, false};
    fl_vec_push(&s->supps, sp);
}

typedef FL_VEC(size_t) open_list;

/* NOLINTEND closes the latest NOLINTBEGIN with the same list (as written, spaces aside). */
static bool same_list(const char *a, const char *b)
{
    if (!a || !b)
        return !a && !b;
    for (;;) {
        while (isspace((unsigned char)*a))
            a++;
        while (isspace((unsigned char)*b))
            b++;
        if (*a != *b)
            return false;
        if (!*a)
            return true;
        a++, b++;
    }
}

/* The directives in the comment t[b..e), which starts on `line`. */
static void scan_comment(suppress_set *s, uint32_t file, const char *t, size_t n, size_t b, size_t e,
                         uint32_t line, open_list *open)
{
    uint32_t at_line = line;
    /* `fearless:` counts only where the comment's text starts, so that prose about the syntax
       (like this comment's) is no directive. */
    size_t comment_text = b + 2;
    while (comment_text < e && (t[comment_text] == ' ' || t[comment_text] == '\t' || t[comment_text] == '*'))
        comment_text++;
    for (size_t i = b; i < e; i++) {
        if (t[i] == '\n') {
            at_line++;
            continue;
        }
        if (word_at(t, e, i, "NOLINT")) {
            size_t k = i + 6;
            supp_kind kind = SUPP_NOLINT;
            bool end_marker = false;
            if (word_at(t, e, k, "NEXTLINE"))
                kind = SUPP_NEXTLINE, k += 8;
            else if (word_at(t, e, k, "BEGIN"))
                kind = SUPP_BEGIN, k += 5;
            else if (word_at(t, e, k, "END"))
                end_marker = true, k += 3;
            if (k < e && (isalnum((unsigned char)t[k]) || t[k] == '_')) {
                i = k;
                continue; /* NOLINTFOO: not a directive */
            }
            char *list = paren_list(t, e, &k);
            if (end_marker) {
                for (size_t o = open->len; o-- > 0;) {
                    supp *sp = &s->supps.items[open->items[o]];
                    if (same_list(sp->list, list)) {
                        sp->line_hi = at_line;
                        memmove(open->items + o, open->items + o + 1, (open->len - o - 1) * sizeof *open->items);
                        open->len--;
                        break;
                    }
                }
                free(list);
            } else {
                uint32_t lo = kind == SUPP_NEXTLINE ? at_line + 1 : at_line;
                uint32_t hi = kind == SUPP_BEGIN ? UINT32_MAX : lo;
                push_supp(s, kind, file, lo, hi, i, k, list);
                if (kind == SUPP_BEGIN)
                    fl_vec_push(open, s->supps.len - 1);
            }
            i = k - 1;
            continue;
        }
        if (i == comment_text && word_at(t, e, i, "fearless:")) {
            size_t k = i + 9;
            while (k < e && (t[k] == ' ' || t[k] == '\t'))
                k++;
            if (!word_at(t, e, k, "allow"))
                continue;
            k += 5;
            while (k < e && (t[k] == ' ' || t[k] == '\t'))
                k++;
            if (k >= e || t[k] != '(')
                continue;
            char *list = paren_list(t, e, &k);
            if (!list)
                continue;
            /* Alone on its line: it speaks of the next line of code, like an attribute. */
            size_t ls = b;
            while (ls > 0 && t[ls - 1] != '\n')
                ls--;
            size_t le = e;
            while (le < n && t[le] != '\n')
                le++;
            bool alone = blank_between(t, ls, b) && blank_between(t, e, le);
            uint32_t target = at_line;
            if (alone) { /* counted from the comment's last line */
                uint32_t last = line;
                for (size_t q = b; q < e; q++)
                    last += t[q] == '\n';
                target = next_code_line(t, n, e, last);
            }
            push_supp(s, SUPP_ALLOW_COMMENT, file, target, target, i, k, list);
            i = k - 1;
        }
    }
}

static void scan_file(suppress_set *s, uint32_t file)
{
    uint8_t *st = state_of(s, file);
    if (*st & ST_SCANNED)
        return;
    *st |= ST_SCANNED;
    size_t n;
    const char *t = fl_srcmap_text(s->sm, file, &n);
    if (!t || (!memmem(t, n, "NOLINT", 6) && !memmem(t, n, "fearless:", 9)))
        return; /* no directive anywhere: nothing to read */
    open_list open = {0};
    uint32_t line = 1;
    size_t i = 0;
    while (i < n) {
        char c = t[i];
        if (c == '\n') {
            line++;
            i++;
        } else if (c == '"' || c == '\'') {
            i++;
            while (i < n && t[i] != c && t[i] != '\n') {
                if (t[i] == '\\' && i + 1 < n) {
                    line += t[i + 1] == '\n';
                    i++;
                }
                i++;
            }
            if (i < n && t[i] == c)
                i++;
        } else if (c == '/' && i + 1 < n && t[i + 1] == '/') {
            size_t b = i;
            while (i < n && t[i] != '\n')
                i++;
            scan_comment(s, file, t, n, b, i, line, &open);
        } else if (c == '/' && i + 1 < n && t[i + 1] == '*') {
            size_t b = i;
            uint32_t l0 = line;
            i += 2;
            while (i < n && !(t[i] == '*' && i + 1 < n && t[i + 1] == '/')) {
                line += t[i] == '\n';
                i++;
            }
            i = i + 2 <= n ? i + 2 : n;
            scan_comment(s, file, t, n, b, i, l0, &open);
        } else {
            i++;
        }
    }
    fl_vec_free(&open); /* a NOLINTBEGIN never ended runs to the end of the file */
}

/* ---- the interface ---- */

/* Add an FL_ALLOW unless the same one (seen from another unit) is there. */
static void add_fl_allow(suppress_set *s, fl_span extent, const char *name, bool any_file, fl_span where,
                         const char *checks)
{
    for (size_t i = 0; i < s->supps.len; i++) {
        const supp *sp = &s->supps.items[i];
        if (sp->kind == SUPP_FL_ALLOW && sp->extent.file == extent.file &&
            sp->extent.begin == extent.begin && sp->where.file == where.file &&
            sp->where.begin == where.begin && strcmp(sp->list, checks) == 0)
            return;
    }
    supp sp = {SUPP_FL_ALLOW, extent.file, 0, 0, extent, fl_xstrdup(name), any_file, where, fl_xstrdup(checks), false};
    fl_vec_push(&s->supps, sp);
}

void suppress_add_allow(suppress_set *s, fl_span extent, fl_span where, const char *checks)
{
    add_fl_allow(s, extent, NULL, false, where, checks);
}

void suppress_add_allow_var(suppress_set *s, const char *name, fl_span decl, bool any_file, fl_span where,
                            const char *checks)
{
    add_fl_allow(s, decl, name, any_file, where, checks);
}

/* The message quotes `name` itself or a place in it: `name`, `name.f`, `name->f`, `name[i]`. */
static bool quotes_name(const char *msg, const char *name)
{
    size_t n = strlen(name);
    for (const char *q = msg ? strchr(msg, '`') : NULL; q; q = strchr(q + 1, '`'))
        if (!strncmp(q + 1, name, n) && strchr("`.-[", q[1 + n]) && q[1 + n])
            return true;
    return false;
}

void suppress_add_file(suppress_set *s, uint32_t file)
{
    *state_of(s, file) |= ST_ANALYZED;
    scan_file(s, file);
}

bool suppress_match(suppress_set *s, const diag *d)
{
    const diag_label *p = diag_primary_label(d);
    if (!d->check || !p || !fl_span_valid(p->span))
        return false;
    uint32_t line, col;
    scan_file(s, p->span.file);
    bool have_line = fl_srcmap_line_col(s->sm, p->span.file, p->span.begin, &line, &col);
    bool hit = false;
    for (size_t i = 0; i < s->supps.len; i++) {
        supp *sp = &s->supps.items[i];
        bool covers;
        if (sp->kind == SUPP_FL_ALLOW && sp->name)
            covers = (sp->any_file || sp->extent.file == p->span.file) && quotes_name(d->message, sp->name);
        else if (sp->kind == SUPP_FL_ALLOW)
            covers = sp->extent.file == p->span.file && sp->extent.begin <= p->span.begin &&
                     p->span.begin < sp->extent.end;
        else
            covers = have_line && sp->file == p->span.file && sp->line_lo <= line && line <= sp->line_hi;
        if (covers && list_matches(sp->list, d->check)) {
            sp->used = true;
            hit = true;
        }
    }
    return hit;
}

static const char *directive_name(supp_kind k)
{
    switch (k) {
    case SUPP_NOLINT: return "NOLINT";
    case SUPP_NEXTLINE: return "NOLINTNEXTLINE";
    case SUPP_BEGIN: return "NOLINTBEGIN";
    case SUPP_ALLOW_COMMENT: return "fearless: allow";
    case SUPP_FL_ALLOW: return "FL_ALLOW";
    }
    return "NOLINT";
}

/* Report the unknown names in one suppression: every item of fearless's own forms, and
   `fearless-` items of NOLINT lists; globs are not checked. True if there was one. */
static bool report_unknown(suppress_set *s, const supp *sp, void (*emit)(void *, diag *), void *ctx)
{
    bool any = false;
    if (!sp->list)
        return false;
    const char *p = sp->list, *item;
    size_t len;
    while (fl_list_next(&p, &item, &len)) {
        bool prefixed = strip_prefix(&item, &len);
        bool ours = prefixed || sp->kind == SUPP_ALLOW_COMMENT || sp->kind == SUPP_FL_ALLOW;
        if (!ours || memchr(item, '*', len) || known_check(s, item, len))
            continue;
        char *name = fl_xstrndup(item, len);
        diag *d = diag_new(LVL_ERROR, NULL, NULL, "unknown check `%s` in `%s`", name,
                           directive_name(sp->kind));
        diag_primary(d, sp->where, "no check of that name");
        const char *best = fl_suggest(name, s->checks, s->nchecks);
        if (best)
            diag_help(d, "did you mean `%s`?", best);
        else
            diag_help(d, "`fearless --list-checks` lists the checks");
        emit(ctx, d);
        free(name);
        any = true;
    }
    return any;
}

void suppress_report(suppress_set *s, bool unused, void (*emit)(void *ctx, diag *d), void *ctx)
{
    for (size_t i = 0; i < s->supps.len; i++) {
        const supp *sp = &s->supps.items[i];
        if (report_unknown(s, sp, emit, ctx))
            continue; /* a misspelt name is the problem to fix, not the suppression's use */
        uint32_t file = sp->kind == SUPP_FL_ALLOW ? sp->extent.file : sp->file;
        bool analyzed = file < s->state.len && (s->state.items[file] & ST_ANALYZED);
        if (!unused || sp->used || !analyzed || !is_ours(s, sp))
            continue;
        diag *d = diag_new(LVL_WARNING, NULL, NULL, "unused suppression: `%s(%s)` suppresses no finding",
                           directive_name(sp->kind), sp->list ? sp->list : "");
        diag_primary(d, sp->where, "nothing reported here for %s", sp->list ? sp->list : "any check");
        diag_help(d, "remove it, so that it cannot hide a future finding");
        emit(ctx, d);
    }
}
