/* driver.c - one run: jobs from the command line or the compile database, each unit parsed,
 * converted, its functions' CFGs built and the enabled checks run, then the sink rendered. */
#include "driver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../base/arena.h"
#include "../base/glob.h"
#include "../base/srcmap.h"
#include "../checks/registry.h"
#include "../diag/render.h"
#include "../diag/sink.h"
#include "../diag/suppress.h"
#include "../facts/unit.h"
#include "../frontend/cdb.h"
#include "../frontend/parse.h"
#include "../ir/cfg.h"
#include "allow.h"
#include "clang_output.h"
#include "config.h"
#include "filters.h"

#ifndef FEARLESS_VERSION
#define FEARLESS_VERSION "0.0.0"
#endif

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int list_checks(config *cfg)
{
    const config_policy *pol = config_for_file(cfg, ".");
    printf("Enabled checks:\n");
    for (unsigned i = 0; i < check_count && i < CONFIG_MAX_CHECKS; i++) {
        const check_info *c = &check_registry[i];
        if (pol->run[i])
            printf("    %-20s %-6s %s\n", c->name, c->code, c->summary);
    }
    return 0;
}

static int explain(const char *key)
{
    const check_info *c = check_find(key);
    const char *text = c ? check_explain_text(c) : NULL;
    if (!text) {
        printf("error: no check or code named '%s' (see --list-checks)\n", key);
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

/* Under --verbose, say which files were skipped as not C, and which borrowed their flags. */
static void note_inputs(const fe_joblist *jobs, diag_sink *sink)
{
    for (uint32_t i = 0; i < jobs->nskipped; i++) {
        char *f = fe_display_path(jobs->skipped[i]);
        diag_sink_add(sink, diag_new(LVL_NOTE, NULL, NULL, "skipped '%s': not a C source file", f));
        free(f);
    }
    for (uint32_t i = 0; i < jobs->n; i++)
        if (jobs->jobs[i].flags_from) {
            char *f = fe_display_path(jobs->jobs[i].file), *from = fe_display_path(jobs->jobs[i].flags_from);
            diag_sink_add(sink, diag_new(LVL_NOTE, NULL, NULL,
                                         "'%s' is not in the compilation database: analyzed with the flags of '%s'",
                                         f, from));
            free(f);
            free(from);
        }
}

/* Write the report in the chosen format to stdout or -o's file; nonzero if it failed. */
static int render(const fl_options *o, diag_sink *sink)
{
    FILE *out = stdout;
    if (o->output && !(out = fopen(o->output, "w"))) {
        printf("error: cannot write the report to `%s`\n", o->output);
        return 1;
    }
    switch (o->format) {
    case FMT_HUMAN: render_human(sink, out, !o->output && use_color(o)); break;
    case FMT_SHORT: render_short(sink, out); break;
    case FMT_JSON: render_json(sink, out); break;
    case FMT_SARIF: {
        sarif_rule rules[CONFIG_MAX_CHECKS];
        size_t n = 0;
        for (unsigned i = 0; i < check_count && i < CONFIG_MAX_CHECKS; i++, n++) {
            const check_info *c = &check_registry[i];
            rules[n] = (sarif_rule){c->name, c->code, c->summary, check_explain_text(c), c->level};
        }
        render_sarif(sink, out, rules, n, FEARLESS_VERSION);
        break;
    }
    }
    int bad = fflush(out) != 0 || ferror(out);
    if (out != stdout && fclose(out) != 0)
        bad = 1;
    if (bad)
        printf("error: cannot write the report to `%s`\n", o->output ? o->output : "standard output");
    return bad;
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
            ast_dump_func(fn, stdout);
        cfgs[i] = cfg_build(tu->arena, fn);
#ifndef NDEBUG
        cfg_verify(cfgs[i]);
#endif
        if (o->dump_cfg)
            cfg_dump(cfgs[i], stdout);
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
        return explain(o->explain);

    fl_srcmap *sm = fl_srcmap_new();
    diag_sink *sink = diag_sink_new(sm);
    char *err = NULL;
    config *cfg = config_new(o, sm, sink, &err);
    filters *flt = cfg ? filters_new(o, sm, &err) : NULL;
    if (!flt) { /* a usage error in the configuration, the baseline or the line filter */
        printf("error: %s\n", err);
        fprintf(stderr, "Run 'fearless --help' for usage.\n");
        free(err);
        config_free(cfg);
        diag_sink_free(sink);
        fl_srcmap_free(sm);
        return 2;
    }
    if (o->list_checks) {
        int lrc = list_checks(cfg);
        filters_free(flt);
        config_free(cfg);
        diag_sink_free(sink);
        fl_srcmap_free(sm);
        return lrc;
    }
    diag_sink_set_level_fn(sink, config_level_of, cfg);
    const char *check_names[64];
    for (unsigned i = 0; i < check_count && i < 64; i++)
        check_names[i] = check_registry[i].name;
    suppress_set *sup = suppress_new(sm, check_names, check_count < 64 ? check_count : 64);
    diag_sink_set_suppressions(sink, sup, o->report_unused_suppressions);

    fe_joblist jobs = {0};
    int rc;
    if (o->build_dir)
        rc = fe_jobs_from_cdb(o->build_dir, o->files, o->nfiles, o->extra_arg_before, o->nextra_before,
                              o->extra_arg, o->nextra, &jobs, sink);
    else if (o->nfiles == 0) {
        printf("error: no input files (give source files, or -p <build dir> with compile_commands.json)\n");
        fprintf(stderr, "Run 'fearless --help' for usage.\n");
        diag_sink_free(sink);
        suppress_free(sup);
        filters_free(flt);
        config_free(cfg);
        fl_srcmap_free(sm);
        return 2;
    } else
        rc = fe_jobs_from_files(o->files, o->nfiles, o->compile_args, o->ncompile_args, o->have_compile_args,
                                o->extra_arg_before, o->nextra_before, o->extra_arg, o->nextra, &jobs, sink);

    double t_parse = 0, t_own = 0;
    size_t arena_bytes = 0;
    uint32_t parsed = 0, failed = 0;
    /* Input errors (a missing file) are reported at the end; the other units are analyzed. */
    if (o->verbose)
        note_inputs(&jobs, sink);
    {
        fe_index *ix = fe_index_new();
        clang_output *co = clang_output_new();
        for (uint32_t j = 0; j < jobs.n; j++) {
            double t0 = now();
            clang_output_begin(co);
            fe_unit *u = fe_parse(ix, &jobs.jobs[j], sm, sink);
            clang_output_end(co, jobs.jobs[j].file);
            double t1 = now();
            t_parse += t1 - t0;
            if (!u) {
                failed++;
                continue;
            }
            parsed++;
            /* The checks that run are those the unit's main file enables (as in clang-tidy);
               each finding then takes the level of the file it is in (config_level_of). */
            const config_policy *pol = config_for_file(cfg, jobs.jobs[j].file);
            const check_info *enabled[CONFIG_MAX_CHECKS];
            unsigned nenabled = 0, needs = 0;
            for (unsigned i = 0; i < check_count && i < CONFIG_MAX_CHECKS; i++)
                if (pol->run[i]) {
                    enabled[nenabled++] = &check_registry[i];
                    needs |= check_registry[i].needs;
                }
            ast_tu *tu = fe_unit_ast(u);
            analyze_unit(o, tu, sink, enabled, nenabled, needs);
            allow_register_unit(sup, sink, tu);
            arena_bytes += fl_arena_used(tu->arena);
            double t2 = now();
            t_own += t2 - t1;
            fe_unit_free(u);
            t_parse += now() - t2;
        }
        fe_index_free(ix);
        clang_output_report(co, sink, sm, o->verbose);
        clang_output_free(co);
    }

    diag_sink_finish(sink);
    int filter_failed = filters_apply(flt, sink);
    int write_failed = render(o, sink) || filter_failed;

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
    if (rc != 0 || failed || write_failed || diag_sink_has_input_errors(sink))
        code = 2;
    else if (diag_sink_errors(sink) > 0 && !o->write_baseline)
        code = 1; /* recording a baseline accepts today's findings */
    fe_joblist_free(&jobs);
    diag_sink_free(sink);
    suppress_free(sup);
    filters_free(flt);
    config_free(cfg);
    fl_srcmap_free(sm);
    return code;
}
