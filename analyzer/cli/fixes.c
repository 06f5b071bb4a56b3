/* fixes.c - --export-fixes and --fix (see fixes.h). */
#include "fixes.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/strbuf.h"
#include "../base/xalloc.h"
#include "../diag/fixit.h"

/* The edits of a run as they will be applied (see plan_edits). */
typedef struct plan {
    fixit_edit *v;
    size_t n;
    uint32_t *count; /* per edit: how many suggested edits it carries (merged, or the same twice) */
    char **owned;    /* texts made by merging insertions, freed with the plan */
    size_t nowned;
} plan;

static void plan_edits(diag_sink *sink, plan *p, size_t *suggested);
static void plan_free(plan *p);

/* The absolute path of a file as fearless shows it (relative to the working folder). */
static char *absolute(const char *path)
{
    char buf[PATH_MAX];
    if (realpath(path, buf))
        return fl_xstrdup(buf);
    if (path[0] == '/' || !getcwd(buf, sizeof buf))
        return fl_xstrdup(path);
    return fl_xasprintf("%s/%s", buf, path);
}

/* A YAML double-quoted scalar. */
static void yaml_str(fl_strbuf *sb, const char *s)
{
    fl_sb_putc(sb, '"');
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        switch (*p) {
        case '"': fl_sb_puts(sb, "\\\""); break;
        case '\\': fl_sb_puts(sb, "\\\\"); break;
        case '\n': fl_sb_puts(sb, "\\n"); break;
        case '\t': fl_sb_puts(sb, "\\t"); break;
        case '\r': fl_sb_puts(sb, "\\r"); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fl_sb_printf(sb, "\\x%02x", *p);
            else
                fl_sb_putc(sb, (char)*p);
        }
    }
    fl_sb_putc(sb, '"');
}

/* The findings an edit can belong to: a check's error or warning, or a proposal of --suggest (a
   note with a check's name: --verbose explanations carry no edit), where it is. */
static bool reported_finding(const diag *d)
{
    const diag_label *p = diag_primary_label(d);
    return d->check && (d->level == LVL_ERROR || d->level == LVL_WARNING || d->level == LVL_NOTE) && p &&
           fl_span_valid(p->span);
}

int fixes_export(const char *path, diag_sink *sink, const char *main_file)
{
    fl_srcmap *sm = diag_sink_srcmap(sink);
    fl_strbuf sb = {0};
    fl_sb_puts(&sb, "---\nMainSourceFile:  ");
    char *main_abs = main_file ? absolute(main_file) : NULL;
    yaml_str(&sb, main_abs ? main_abs : "");
    free(main_abs);
    fl_sb_puts(&sb, "\nDiagnostics:");
    /* the edits as --fix would apply them, each under the finding it came from (insertions
       at one point merged under the first: clang-apply-replacements refuses two there) */
    plan pl;
    size_t suggested;
    plan_edits(sink, &pl, &suggested);
    size_t n = diag_sink_count(sink), nd = 0;
    char **abs_of = fl_xcalloc(fl_srcmap_count(sm) + 1, sizeof *abs_of); /* per file id */
    for (size_t i = 0; i < n; i++) {
        const diag *d = diag_sink_get(sink, i);
        if (!reported_finding(d))
            continue;
        nd++;
        const diag_label *p = diag_primary_label(d);
        if (!abs_of[p->span.file])
            abs_of[p->span.file] = absolute(fl_srcmap_path(sm, p->span.file));
        fl_sb_puts(&sb, "\n  - DiagnosticName:  ");
        yaml_str(&sb, d->check);
        fl_sb_puts(&sb, "\n    DiagnosticMessage:\n      Message:         ");
        yaml_str(&sb, d->message);
        fl_sb_puts(&sb, "\n      FilePath:        ");
        yaml_str(&sb, abs_of[p->span.file]);
        fl_sb_printf(&sb, "\n      FileOffset:      %u\n      Replacements:", p->span.begin);
        size_t ne = 0;
        for (size_t k = 0; k < pl.n; k++) {
            const fixit_edit *e = &pl.v[k];
            if (e->diag != i)
                continue;
            ne++;
            if (!abs_of[e->file])
                abs_of[e->file] = absolute(fl_srcmap_path(sm, e->file));
            fl_sb_puts(&sb, "\n        - FilePath:        ");
            yaml_str(&sb, abs_of[e->file]);
            fl_sb_printf(&sb, "\n          Offset:          %u\n          Length:          %u\n"
                              "          ReplacementText: ",
                         e->begin, e->end - e->begin);
            yaml_str(&sb, e->text);
        }
        if (!ne)
            fl_sb_puts(&sb, "    []");
        fl_sb_printf(&sb, "\n    Level:           %s",
                     d->level == LVL_ERROR ? "Error" : d->level == LVL_WARNING ? "Warning" : "Remark");
    }
    if (!nd)
        fl_sb_puts(&sb, "    []");
    fl_sb_puts(&sb, "\n...\n");
    for (uint32_t f = 0; f < fl_srcmap_count(sm); f++)
        free(abs_of[f]);
    free(abs_of);
    plan_free(&pl);
    FILE *out = fopen(path, "w");
    int bad = !out || fwrite(fl_sb_str(&sb), 1, sb.len, out) != sb.len;
    if (out && fclose(out) != 0)
        bad = 1;
    fl_sb_free(&sb);
    if (bad) {
        fprintf(stderr, "fearless: error: cannot write the fixes to `%s`\n", path);
        return -1;
    }
    return 0;
}

static int cmp_edit(const void *pa, const void *pb)
{
    const fixit_edit *a = pa, *b = pb;
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    if (a->begin != b->begin)
        return a->begin < b->begin ? -1 : 1;
    if (a->end != b->end) /* an insertion before a replacement that starts there */
        return a->end < b->end ? -1 : 1;
    return a->diag < b->diag ? -1 : a->diag > b->diag;
}

/* The edits of the reported findings, per file in offset order: identical edits once, an edit
   overlapping one already taken dropped, insertions at one point merged into one edit (in the
   order of their findings) under the first finding. */
static void plan_edits(diag_sink *sink, plan *p, size_t *suggested)
{
    memset(p, 0, sizeof *p);
    fixit_edit *v = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; i < diag_sink_count(sink); i++) {
        const diag *d = diag_sink_get(sink, i);
        if (reported_finding(d))
            fixit_collect(d, (uint32_t)i, &v, &n, &cap);
    }
    *suggested = n;
    if (n)
        qsort(v, n, sizeof *v, cmp_edit);
    fl_srcmap *sm = diag_sink_srcmap(sink);
    size_t out = 0;
    p->owned = fl_xcalloc(n + 1, sizeof *p->owned);
    p->count = fl_xcalloc(n + 1, sizeof *p->count);
    for (size_t i = 0; i < n; i++) {
        fixit_edit e = v[i];
        size_t len = 0;
        if (!fl_srcmap_text(sm, e.file, &len) || e.end < e.begin || e.end > len)
            continue;
        fixit_edit *last = out && v[out - 1].file == e.file ? &v[out - 1] : NULL;
        if (last && e.begin == last->begin && e.end == last->end && !strcmp(e.text, last->text)) {
            p->count[out - 1]++; /* the same edit from two findings */
            continue;
        }
        if (last && e.begin == e.end && last->begin == e.begin && last->end == e.begin) {
            char *merged = fl_xasprintf("%s%s", last->text, e.text); /* two insertions at one point */
            p->owned[p->nowned++] = merged;
            last->text = merged;
            p->count[out - 1]++;
            continue;
        }
        if (last && e.begin < last->end)
            continue; /* overlaps an edit already taken */
        p->count[out] = 1;
        v[out++] = e;
    }
    p->v = v;
    p->n = out;
}

static void plan_free(plan *p)
{
    for (size_t i = 0; i < p->nowned; i++)
        free(p->owned[i]);
    free(p->owned);
    free(p->count);
    free(p->v);
}

/* Write file `f` with the edits v[0..n) applied. */
static int write_file(fl_srcmap *sm, uint32_t f, const fixit_edit *v, size_t n)
{
    size_t len = 0;
    const char *text = fl_srcmap_text(sm, f, &len);
    const char *path = fl_srcmap_path(sm, f);
    fl_strbuf sb = {0};
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        fl_sb_putn(&sb, text + at, v[i].begin - at);
        fl_sb_puts(&sb, v[i].text);
        at = v[i].end;
    }
    fl_sb_putn(&sb, text + at, len - at);
    FILE *out = fopen(path, "wb");
    int bad = !out || fwrite(fl_sb_str(&sb), 1, sb.len, out) != sb.len;
    if (out && fclose(out) != 0)
        bad = 1;
    fl_sb_free(&sb);
    if (bad)
        fprintf(stderr, "fearless: error: cannot write `%s` to fix it\n", path);
    return bad ? -1 : 0;
}

int fixes_apply(diag_sink *sink, unsigned *applied, unsigned *suggested)
{
    plan pl;
    size_t nsug;
    plan_edits(sink, &pl, &nsug);
    *suggested = (unsigned)nsug;
    *applied = 0;
    int rc = 0;
    for (size_t i = 0; i < pl.n;) {
        size_t j = i;
        while (j < pl.n && pl.v[j].file == pl.v[i].file)
            j++;
        if (write_file(diag_sink_srcmap(sink), pl.v[i].file, pl.v + i, j - i) != 0)
            rc = -1;
        else
            for (size_t k = i; k < j; k++)
                *applied += pl.count[k];
        i = j;
    }
    plan_free(&pl);
    return rc;
}
