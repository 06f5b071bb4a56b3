/* snippet.h - unit-test fixture: parse a C snippet for real (a temp file through libclang, as the
 * driver does) and build the CFG of every function it defines. One per test process; include it
 * once, then call snippet_setup/snippet_teardown from the Check fixture and snippet_parse in a
 * test. The globals are the parsed unit's. */
#ifndef FL_TEST_SNIPPET_H
#define FL_TEST_SNIPPET_H

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/srcmap.h"
#include "diag/sink.h"
#include "frontend/ast.h"
#include "frontend/parse.h"
#include "ir/cfg.h"

static char g_path[PATH_MAX];
static fl_srcmap *g_sm;
static diag_sink *g_sink;
static fe_index *g_ix;
static fe_unit *g_u;
static ast_tu *g_tu;
static cfg **g_cfgs;

static void snippet_setup(void)
{
    g_path[0] = 0;
    g_sm = fl_srcmap_new();
    g_sink = diag_sink_new(g_sm);
    g_ix = fe_index_new();
    g_u = NULL;
    g_tu = NULL;
    g_cfgs = NULL;
}

static void snippet_teardown(void)
{
    fe_unit_free(g_u);
    fe_index_free(g_ix);
    diag_sink_free(g_sink);
    fl_srcmap_free(g_sm);
    if (g_path[0])
        unlink(g_path);
}

/* Write prelude, src and a newline to /tmp/fl_<tag>_XXXXXX.c, parse it (gnu11, _GNU_SOURCE,
   annotations/ on the include path), convert it, and build g_cfgs[i] for every function of the
   main file. Fails the test if the snippet does not parse. */
static ast_tu *snippet_parse(const char *tag, const char *prelude, const char *src)
{
    char tmpl[PATH_MAX];
    snprintf(tmpl, sizeof tmpl, "/tmp/fl_%s_XXXXXX.c", tag);
    int fd = mkstemps(tmpl, 2);
    ck_assert_int_ge(fd, 0);
    const char *parts[] = {prelude, src, "\n"};
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(parts[i]);
        ck_assert_int_eq((int)write(fd, parts[i], n), (int)n);
    }
    close(fd);
    char *real = realpath(tmpl, NULL);
    ck_assert_ptr_nonnull(real);
    snprintf(g_path, sizeof g_path, "%s", real);
    free(real);
    char *argv[] = {"clang", "-xc", "-std=gnu11", "-D_GNU_SOURCE", "-I" FL_SOURCE_DIR "/annotations", g_path, NULL};
    fe_job job = {.file = g_path, .directory = "/tmp", .argv = argv, .argc = 6};
    g_u = fe_parse(g_ix, &job, g_sm, g_sink);
    ck_assert_msg(g_u != NULL, "snippet did not parse:\n%s", src);
    g_tu = fe_unit_ast(g_u);
    g_cfgs = FL_NEW_ARRAY(g_tu->arena, cfg *, g_tu->nfuncs + 1);
    for (uint32_t i = 0; i < g_tu->nfuncs; i++)
        if (g_tu->funcs[i]->in_main_file)
            g_cfgs[i] = cfg_build(g_tu->arena, g_tu->funcs[i]);
    return g_tu;
}

#endif
