/* clang_output.c - catching standard error around libclang's parse, deduplicating the lines. */
#include "clang_output.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/strbuf.h"
#include "../base/vec.h"
#include "../base/xalloc.h"
#include "../frontend/cdb.h"

#define WARNING_PREFIX "warning: "

typedef struct caught_line {
    char *text;      /* the line as clang printed it */
    char *first;     /* the unit where it appeared first (absolute path) */
    unsigned units;  /* in how many units */
} caught_line;

struct clang_output {
    FILE *tmp;     /* where standard error goes while parsing */
    int saved_fd;  /* the real standard error, or -1 when not redirected */
    FL_VEC(caught_line) lines;
};

clang_output *clang_output_new(void)
{
    clang_output *co = fl_xcalloc(1, sizeof *co);
    co->saved_fd = -1;
    co->tmp = tmpfile();
    return co;
}

void clang_output_free(clang_output *co)
{
    if (!co)
        return;
    for (size_t i = 0; i < co->lines.len; i++) {
        free(co->lines.items[i].text);
        free(co->lines.items[i].first);
    }
    fl_vec_free(&co->lines);
    if (co->tmp)
        fclose(co->tmp);
    free(co);
}

void clang_output_begin(clang_output *co)
{
    if (!co->tmp)
        return;
    fflush(stderr);
    rewind(co->tmp);
    if (ftruncate(fileno(co->tmp), 0) != 0)
        return;
    co->saved_fd = dup(STDERR_FILENO);
    if (co->saved_fd >= 0 && dup2(fileno(co->tmp), STDERR_FILENO) < 0) {
        close(co->saved_fd);
        co->saved_fd = -1;
    }
}

static void keep_line(clang_output *co, const char *line, size_t n, const char *file, unsigned units)
{
    if (!n)
        return;
    for (size_t i = 0; i < co->lines.len; i++)
        if (strlen(co->lines.items[i].text) == n && !strncmp(co->lines.items[i].text, line, n)) {
            co->lines.items[i].units += units;
            return;
        }
    caught_line c = {fl_xstrndup(line, n), file ? fl_xstrdup(file) : NULL, units ? units : 1};
    fl_vec_push(&co->lines, c);
}

/* Whether a line caught in parallel is made only of pieces of lines already kept. Clang writes a
   diagnostic in pieces ("warning: ", the message, the newline), so two threads printing the same
   driver warning give lines like "warning: warning: msg" and a bare "msg". */
static bool only_known_pieces(const clang_output *co, const char *p, size_t n)
{
    const char *end = p + n;
    while (p < end) {
        size_t pre = sizeof WARNING_PREFIX - 1;
        if ((size_t)(end - p) >= pre && !strncmp(p, WARNING_PREFIX, pre)) {
            p += pre;
            continue;
        }
        size_t best = 0;
        for (size_t i = 0; i < co->lines.len; i++) {
            const char *body = co->lines.items[i].text;
            if (!strncmp(body, WARNING_PREFIX, pre))
                body += pre;
            size_t bl = strlen(body);
            if (bl > best && bl <= (size_t)(end - p) && !strncmp(p, body, bl))
                best = bl;
        }
        if (!best)
            return false;
        p += best;
    }
    return true;
}

void clang_output_end(clang_output *co, const char *file)
{
    clang_output_end_units(co, file, 1);
}

void clang_output_end_units(clang_output *co, const char *file, unsigned units)
{
    if (co->saved_fd < 0)
        return;
    fflush(stderr);
    dup2(co->saved_fd, STDERR_FILENO);
    close(co->saved_fd);
    co->saved_fd = -1;
    fl_strbuf sb = {0};
    char buf[4096];
    size_t n;
    rewind(co->tmp);
    while ((n = fread(buf, 1, sizeof buf, co->tmp)) > 0)
        fl_sb_putn(&sb, buf, n);
    const char *p = fl_sb_str(&sb);
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        /* in parallel, the driver's warnings were caught by the probes: one here is a repeat, or
           two threads' lines run together */
        if (file || (strncmp(p, WARNING_PREFIX, sizeof WARNING_PREFIX - 1) && !only_known_pieces(co, p, len)))
            keep_line(co, p, len, file, units);
        p += len + (e != NULL);
    }
    fl_sb_free(&sb);
}

void clang_output_report(clang_output *co, diag_sink *sink, fl_srcmap *sm, bool verbose)
{
    for (size_t i = 0; i < co->lines.len; i++) {
        const caught_line *c = &co->lines.items[i];
        bool warning = !strncmp(c->text, WARNING_PREFIX, sizeof WARNING_PREFIX - 1);
        if (!warning && !verbose)
            continue;
        char *shown = c->first ? fe_display_path(c->first) : NULL;
        fl_span at = shown ? (fl_span){fl_srcmap_intern(sm, shown), 0, 0} : fl_span_none();
        diag *d;
        if (warning) {
            /* clang's text, without its prefix; the [-W...] group stays, it names the cause */
            d = diag_new(LVL_WARNING, NULL, NULL, "the compiler flags of this file: %s",
                         c->text + sizeof WARNING_PREFIX - 1);
            if (shown)
                diag_primary(d, at, NULL);
            if (c->units > 1)
                diag_note(d, "the same for %u more file%s", c->units - 1, c->units > 2 ? "s" : "");
            diag_note(d, "libclang ignores what it does not understand; the analysis is not affected "
                         "unless the flag changes the code");
        } else {
            d = diag_new(LVL_NOTE, NULL, NULL, "libclang said: %s", c->text);
            if (shown)
                diag_primary(d, at, NULL);
            else
                diag_note(d, "while several units were parsed at once; `-j 1` names the unit");
        }
        free(shown);
        diag_sink_add(sink, d);
    }
}
