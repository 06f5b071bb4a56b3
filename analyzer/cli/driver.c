/* driver.c - one run: jobs from the command line or the compile database, each unit parsed,
 * converted, its functions' CFGs built and the enabled checks run, then the sink rendered. */
#include "driver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../base/arena.h"
#include "../base/escape.h"
#include "../base/glob.h"
#include "../base/srcmap.h"
#include "../checks/registry.h"
#include "../diag/render.h"
#include "../diag/sink.h"
#include "../facts/unit.h"
#include "../frontend/cdb.h"
#include "../frontend/parse.h"
#include "../ir/cfg.h"
#include "checksel.h"
#include "usage.h"

#ifndef FEARLESS_VERSION
#define FEARLESS_VERSION "0.0.0"
#endif

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const char *checks_globs(const fl_options *o)
{
    return o->checks ? o->checks : "*";
}

static int list_checks(const fl_options *o)
{
    printf("Enabled checks:\n");
    for (unsigned i = 0; i < check_count; i++) {
        const check_info *c = &check_registry[i];
        if (fl_glob_list_match(checks_globs(o), c->name))
            printf("    %-20s %-6s %s\n", c->name, c->code, c->summary);
    }
    return 0;
}

static int explain(const fl_options *o, const char *key)
{
    const check_info *c = check_find(key);
    const char *text = c ? check_explain_text(c) : NULL;
    if (!text) {
        char *shown = fl_escape_dup(key);
        usage_error(o->format, "no check or code named '%s' (see --list-checks)", shown);
        free(shown);
        return 2;
    }
    fputs(text, stdout);
    return 0;
}

static bool use_color(const fl_options *o)
{
    if (o->color == COLOR_ALWAYS)
        return true;
    if (o->color == COLOR_NEVER)
        return false;
    const char *nc = getenv("NO_COLOR");
    if (nc && *nc)
        return false;
    return isatty(fileno(stdout));
}

/* Analyze one unit: build the CFG of every function defined in its main file, summarize what
   each does with its parameters (bottom-up, so calls to wrappers are understood), then run the
   enabled checks function by function. */
static void analyze_unit(const fl_options *o, ast_tu *tu, diag_sink *sink,
                         const check_info **enabled, unsigned nenabled, unsigned needs)
{
    cfg **cfgs = FL_NEW_ARRAY(tu->arena, cfg *, tu->nfuncs + 1);
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        const ast_func *fn = tu->funcs[i];
        if (!fn->in_main_file)
            continue;
        if (o->dump_ast)
            ast_dump_func(fn, stderr); /* stdout carries only the diagnostics */
        cfgs[i] = cfg_build(tu->arena, fn);
#ifndef NDEBUG
        cfg_verify(cfgs[i]);
#endif
        if (o->dump_cfg)
            cfg_dump(cfgs[i], stderr);
    }
    const fx_unit *fx = fx_unit_build(tu, cfgs, diag_sink_srcmap(sink), needs);
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        if (!cfgs[i])
            continue;
        check_ctx ctx = {fx, tu, tu->funcs[i], cfgs[i], cfgs, tu->arena, sink, o->verbose};
        for (unsigned c = 0; c < nenabled; c++)
            enabled[c]->run(&ctx);
    }
    check_ctx unit = {fx, tu, NULL, NULL, cfgs, tu->arena, sink, o->verbose};
    for (unsigned c = 0; c < nenabled; c++)
        enabled[c]->run(&unit);
}

int driver_run(const fl_options *o)
{
    if (o->help) {
        fputs(options_usage(), stdout);
        return 0;
    }
    if (o->version) {
        printf("fearless %s\n", FEARLESS_VERSION);
        return 0;
    }
    if (o->explain)
        return explain(o, o->explain);

    const check_info *enabled[64];
    unsigned needs;
    unsigned nenabled = checksel_enabled(o->checks, enabled, 64, &needs);
    if (nenabled == 0) {
        char *msg = checksel_none_message(checks_globs(o));
        usage_error(o->format, "%s", msg);
        free(msg);
        return 2;
    }
    if (o->list_checks)
        return list_checks(o);

    fl_srcmap *sm = fl_srcmap_new();
    diag_sink *sink = diag_sink_new(sm);
    diag_sink_set_warnings_as_errors(sink, o->warnings_as_errors);

    fe_joblist jobs = {0};
    int rc;
    if (o->build_dir)
        rc = fe_jobs_from_cdb(o->build_dir, o->files, o->nfiles, o->extra_arg_before, o->nextra_before,
                              o->extra_arg, o->nextra, &jobs, sink);
    else if (o->nfiles == 0) {
        usage_error(o->format, "no input files (give source files, or -p <build dir> with compile_commands.json)");
        diag_sink_free(sink);
        fl_srcmap_free(sm);
        return 2;
    } else
        rc = fe_jobs_from_files(o->files, o->nfiles, o->compile_args, o->ncompile_args, o->have_compile_args,
                                o->extra_arg_before, o->nextra_before, o->extra_arg, o->nextra, &jobs, sink);

    double t_parse = 0, t_own = 0;
    size_t arena_bytes = 0;
    uint32_t parsed = 0, failed = 0;
    if (rc == 0) {
        fe_index *ix = fe_index_new();
        for (uint32_t j = 0; j < jobs.n; j++) {
            double t0 = now();
            fe_unit *u = fe_parse(ix, &jobs.jobs[j], sm, sink);
            double t1 = now();
            t_parse += t1 - t0;
            if (!u) {
                failed++;
                continue;
            }
            parsed++;
            ast_tu *tu = fe_unit_ast(u);
            analyze_unit(o, tu, sink, enabled, nenabled, needs);
            arena_bytes += fl_arena_used(tu->arena);
            double t2 = now();
            t_own += t2 - t1;
            fe_unit_free(u);
            t_parse += now() - t2;
        }
        fe_index_free(ix);
    }

    diag_sink_finish(sink);
    switch (o->format) {
    case FMT_HUMAN: render_human(sink, stdout, use_color(o)); break;
    case FMT_SHORT: render_short(sink, stdout); break;
    case FMT_JSON: render_json(sink, stdout); break;
    }
    fflush(stdout);

    if (o->time_report) {
        double total = t_parse + t_own;
        fprintf(stderr,
                "===-------------------------------------------------------------------------===\n"
                "                         fearless time report\n"
                "===-------------------------------------------------------------------------===\n"
                "  units: %u parsed, %u failed\n"
                "  parse (libclang):        %9.4f s\n"
                "  analysis (fearless):     %9.4f s   (%.1f%% of parse)\n"
                "  total:                   %9.4f s   (%.3fx parse)\n"
                "  analysis memory:         %9.1f KiB (unit arenas, summed over units)\n",
                parsed, failed, t_parse, t_own, t_parse > 0 ? 100.0 * t_own / t_parse : 0.0, total,
                t_parse > 0 ? total / t_parse : 0.0, (double)arena_bytes / 1024.0);
    }

    int code = 0;
    if (rc != 0 || failed || diag_sink_has_input_errors(sink))
        code = 2;
    else if (diag_sink_errors(sink) > 0)
        code = 1;
    fe_joblist_free(&jobs);
    diag_sink_free(sink);
    fl_srcmap_free(sm);
    return code;
}
