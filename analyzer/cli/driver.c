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
#include "../base/poll.h"
#include "../base/srcmap.h"
#include "../checks/registry.h"
#include "../diag/render.h"
#include "../diag/sink.h"
#include "../base/xalloc.h"
#include "../diag/suppress.h"
#include "../facts/link.h"
#include "../facts/unit.h"
#include "../frontend/cdb.h"
#include "../frontend/parse.h"
#include "../ir/cfg.h"
#include "allow.h"
#include "budget.h"
#include "checksel.h"
#include "clang_output.h"
#include "config.h"
#include "coverage.h"
#include "filters.h"
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
        fprintf(stderr, "fearless: error: cannot write the report to `%s`\n", o->output);
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
        fprintf(stderr, "fearless: error: cannot write the report to `%s`\n", o->output ? o->output : "standard output");
    return bad;
}

/* A unit of the run: its tree (the libclang unit is gone once converted), CFGs and facts. */
typedef struct unit_slot {
    fe_unit *u;
    ast_tu *tu;
    cfg **cfgs;
    fx_unit *fx;
    uint32_t link; /* its slot in the link */
    const char *output; /* its object file (borrowed from the job), or NULL */
    const check_info *enabled[CONFIG_MAX_CHECKS]; /* the checks its main file enables */
    unsigned nenabled;
    budget_unit spent; /* against the per-unit limits (budget.h) */
} unit_slot;

/* The CFG of every function defined in the unit's main file. */
static cfg **build_cfgs(const fl_options *o, ast_tu *tu)
{
    cfg **cfgs = FL_NEW_ARRAY(tu->arena, cfg *, tu->nfuncs + 1);
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        const ast_func *fn = tu->funcs[i];
        if (!fn->in_main_file)
            continue;
        if (o->dump_ast)
            ast_dump_func(fn, stderr); /* stdout carries only the diagnostics */
        fl_poll(fn->name); /* the per-unit budget may stop here (budget.h) */
        cfgs[i] = cfg_build(tu->arena, fn);
#ifndef NDEBUG
        cfg_verify(cfgs[i]);
#endif
        if (o->dump_cfg)
            cfg_dump(cfgs[i], stderr);
    }
    return cfgs;
}

/* Build (or rebuild) a unit's facts with what the other units export now, and give the link
   the unit's own summary. */
static void build_facts(unit_slot *s, fx_link *link, fl_srcmap *sm, unsigned needs)
{
    fx_unit_free(s->fx);
    s->fx = fx_unit_build(s->tu, s->cfgs, sm, needs, link_importer(link, s->link));
    link_set_summary(link, s->link, fx_unit_export(s->fx, fl_srcmap_path(sm, s->tu->main_file)));
}

/* Rounds of rebuilding after the first: each lets a summary cross one more unit boundary (a
   spawn wrapper calling a wrapper in a third file). Summaries only grow, so this settles fast;
   the cap guards against a bug that would not. */
#define LINK_ROUNDS 8

static void slot_imports(void *ctx, uint32_t link_slot, void (*visit)(void *vctx, const char *name), void *vctx)
{
    const unit_slot *slots = ctx; /* link slots are the indices of `slots` */
    const fx_unit *fx = slots[link_slot].fx;
    for (uint32_t i = 0; fx && i < fx->nimports; i++)
        visit(vctx, fx->imports[i].name);
}

/* Bring every unit's facts up to date with the others' summaries, units after those they
   import from; counts the rounds and the units rebuilt (for --time-report). */
static void settle_imports(unit_slot *slots, uint32_t n, fx_link *link, fl_srcmap *sm, unsigned needs,
                           uint32_t *rounds, uint32_t *rebuilt)
{
    uint32_t *order = fl_xcalloc(n + 1, sizeof *order);
    link_order(link, n, slot_imports, slots, order);
    for (int round = 0; round < LINK_ROUNDS; round++) {
        bool changed = false;
        for (uint32_t k = 0; k < n; k++) {
            unit_slot *s = &slots[order[k]];
            if (s->fx && fx_unit_imports_changed(s->fx, link_importer(link, s->link))) {
                build_facts(s, link, sm, needs);
                changed = true;
                ++*rebuilt;
            }
        }
        if (!changed)
            break;
        ++*rounds;
    }
    free(order);
}

/* The programs of the run (facts/program.h), each checked by the checks that relate threads
   across a program: those that some unit of the program enables. */
static void check_programs(const fl_options *o, const unit_slot *slots, uint32_t n, fl_srcmap *sm, diag_sink *sink)
{
    pg_unit *all = fl_xcalloc(n + 1, sizeof *all);
    for (uint32_t i = 0; i < n; i++)
        all[i] = (pg_unit){slots[i].tu, slots[i].fx->shared, fl_srcmap_path(sm, slots[i].tu->main_file),
                           slots[i].output, slots[i].fx->traits};
    pg_partition part;
    pg_partition_build(all, n, &part);
    pg_unit *members = fl_xcalloc(n + 1, sizeof *members);
    uint32_t *base = fl_xcalloc(n + 1, sizeof *base); /* each unit's first function, run-wide */
    uint32_t nfns = 0;
    for (uint32_t i = 0; i < n; i++) {
        base[i] = nfns;
        nfns += all[i].tu->nfuncs;
    }
    bool *is_entry_fn = fl_xcalloc(nfns + 1, sizeof *is_entry_fn);
    for (uint32_t k = 0; k < part.n; k++) {
        for (uint32_t i = 0; i < part.nmembers[k]; i++)
            members[i] = all[part.members[k][i]];
        program *p = pg_build(members, part.nmembers[k]);
        coverage_program(members, part.nmembers[k], p != NULL, sink);
        if (!p)
            continue;
        for (uint32_t t = 0; t < p->nentries; t++) {
            const pg_fn *f = &p->fns[p->threads[t].fn];
            is_entry_fn[base[part.members[k][f->unit]] + f->index] = true;
        }
        check_ctx ctx = {0};
        ctx.arena = p->A;
        ctx.sink = sink;
        ctx.verbose = o->verbose;
        ctx.prog = p;
        for (unsigned c = 0; c < check_count; c++) {
            const check_info *ci = &check_registry[c];
            bool on = false;
            for (uint32_t i = 0; i < part.nmembers[k] && !on; i++) {
                const unit_slot *s = &slots[part.members[k][i]];
                for (unsigned e = 0; e < s->nenabled && !on; e++)
                    on = s->enabled[e] == ci;
            }
            if (on && (ci->needs & FX_NEED_PROGRAM) == FX_NEED_PROGRAM)
                ci->run(&ctx);
        }
        pg_free(p);
    }
    if (o->verbose)
        coverage_verbose(all, n, is_entry_fn, sink);
    pg_partition_free(&part);
    free(is_entry_fn);
    free(base);
    free(members);
    free(all);
}

/* Run the checks the unit enables, function by function, then once on the whole unit. */
static void check_unit(const fl_options *o, const unit_slot *s, diag_sink *sink)
{
    const check_info *const *enabled = s->enabled;
    unsigned nenabled = s->nenabled;
    const fx_unit *fx = s->fx;
    for (uint32_t i = 0; i < s->tu->nfuncs; i++) {
        if (!s->cfgs[i])
            continue;
        check_ctx ctx = {fx, s->tu, s->tu->funcs[i], s->cfgs[i], s->cfgs, fx->arena, sink, o->verbose, NULL};
        for (unsigned c = 0; c < nenabled; c++)
            enabled[c]->run(&ctx);
    }
    check_ctx unit = {fx, s->tu, NULL, NULL, s->cfgs, fx->arena, sink, o->verbose, NULL};
    for (unsigned c = 0; c < nenabled; c++)
        enabled[c]->run(&unit);
}

/* The steps of a unit that the per-unit budget limits: its CFGs and facts, then its checks. */
typedef struct unit_step {
    const fl_options *o;
    unit_slot *s;
    fx_link *link;
    fl_srcmap *sm;
    unsigned needs;
    diag_sink *sink;
    double t_cfg, t_facts; /* build_step's time by stage, for --time-report */
} unit_step;

static void build_step(void *p)
{
    unit_step *a = p;
    double t0 = now();
    a->s->cfgs = build_cfgs(a->o, a->s->tu);
    double t1 = now();
    build_facts(a->s, a->link, a->sm, a->needs);
    a->t_cfg = t1 - t0;
    a->t_facts = now() - t1;
}

static void check_step(void *p)
{
    unit_step *a = p;
    check_unit(a->o, a->s, a->sink);
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

    fl_srcmap *sm = fl_srcmap_new();
    diag_sink *sink = diag_sink_new(sm);
    char *err = NULL;
    config *cfg = config_new(o, sm, sink, &err);
    filters *flt = cfg ? filters_new(o, sm, &err) : NULL;
    if (cfg && flt && o->checks) {
        /* --checks that enables nothing is a usage error, not a silent clean run */
        const config_policy *pol = config_for_file(cfg, ".");
        bool any = false;
        for (unsigned i = 0; i < check_count && i < CONFIG_MAX_CHECKS && !any; i++)
            any = pol->run[i];
        if (!any) {
            free(err);
            err = checksel_none_message(o->checks);
            filters_free(flt);
            flt = NULL;
        }
    }
    if (!flt) { /* a usage error in the configuration, the baseline or the line filter */
        usage_error(o->format, "%s", err);
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
        usage_error(o->format, "no input files (give source files, or -p <build dir> with compile_commands.json)");
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
    /* the analysis' parts, for --time-report */
    double t_conv = 0, t_cfg = 0, t_facts = 0, t_link = 0, t_checks = 0, t_prog = 0;
    uint32_t link_rounds = 0, link_rebuilt = 0;
    size_t arena_bytes = 0;
    uint32_t parsed = 0, failed = 0;
    /* Input errors (a missing file) are reported at the end; the other units are analyzed. */
    if (o->verbose)
        note_inputs(&jobs, sink);
    /* The facts every unit builds: what any unit's checks need (the program checks read the
       facts of every unit of a program). */
    unsigned needs = 0;
    for (uint32_t j = 0; j < jobs.n; j++) {
        const config_policy *pol = config_for_file(cfg, jobs.jobs[j].file);
        for (unsigned i = 0; i < check_count && i < CONFIG_MAX_CHECKS; i++)
            if (pol->run[i])
                needs |= check_registry[i].needs;
    }
    unit_slot *slots = fl_xcalloc(jobs.n + 1, sizeof *slots);
    uint32_t nslots = 0;
    fx_link *link = link_new();
    budget *bg = budget_new(o->unit_time_limit, o->unit_memory_limit);
    {
        /* Parse and convert every unit, building its facts with what the units before it
           export; then bring them all up to date; then check. */
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
            unit_slot *s = &slots[nslots++];
            /* The checks that run are those the unit's main file enables (as in clang-tidy);
               each finding then takes the level of the file it is in (config_level_of). */
            const config_policy *pol = config_for_file(cfg, jobs.jobs[j].file);
            for (unsigned i = 0; i < check_count && i < CONFIG_MAX_CHECKS; i++)
                if (pol->run[i])
                    s->enabled[s->nenabled++] = &check_registry[i];
            s->u = u;
            s->tu = fe_unit_ast(u);
            double t2 = now();
            fe_unit_release_clang(u);
            double t3 = now();
            t_parse += t3 - t2;
            allow_register_unit(sup, sink, s->tu);
            s->output = jobs.jobs[j].output;
            s->link = link_add_unit(link, fl_srcmap_path(sm, s->tu->main_file), s->output);
            unit_step step = {o, s, link, sm, needs, sink, 0, 0};
            if (!budget_run(bg, &s->spent, fl_srcmap_path(sm, s->tu->main_file), sink, build_step, &step)) {
                /* over its limits: reported and dropped (and leaked: budget.h); the slot stays,
                   empty, so that slots and link slots keep one numbering */
                *s = (unit_slot){0};
                s->link = UINT32_MAX;
            }
            t_conv += t2 - t1;
            t_cfg += step.t_cfg;
            t_facts += step.t_facts;
            t_own += (t2 - t1) + (now() - t3);
        }
        fe_index_free(ix);
        clang_output_report(co, sink, sm, o->verbose);
        clang_output_free(co);
        double t4 = now();
        settle_imports(slots, nslots, link, sm, needs, &link_rounds, &link_rebuilt);
        /* the units that were analyzed, together */
        uint32_t nlive = 0;
        for (uint32_t i = 0; i < nslots; i++)
            if (slots[i].fx)
                slots[nlive++] = slots[i];
        nslots = nlive;
        double t7 = now();
        for (uint32_t i = 0; i < nslots; i++) {
            unit_step step = {o, &slots[i], link, sm, needs, sink, 0, 0};
            budget_run(bg, &slots[i].spent, fl_srcmap_path(sm, slots[i].tu->main_file), sink, check_step, &step);
        }
        double t8 = now();
        if ((needs & FX_NEED_PROGRAM) == FX_NEED_PROGRAM) {
            for (uint32_t i = 0; i < nslots; i++)
                fx_unit_build_shared(slots[i].fx);
            check_programs(o, slots, nslots, sm, sink);
        }
        double t9 = now();
        t_link += t7 - t4;
        t_checks += t8 - t7;
        t_prog += t9 - t8;
        t_own += t9 - t4;
    }
    for (uint32_t i = 0; i < nslots; i++) {
        arena_bytes += fl_arena_used(slots[i].tu->arena) + fl_arena_used(slots[i].fx->arena);
        fx_unit_free(slots[i].fx);
        fe_unit_free(slots[i].u);
    }
    free(slots);
    link_free(link);
    budget_free(bg);

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
                "  analysis memory:         %9.1f KiB (unit arenas, summed over units)\n"
                "  analysis, by stage:\n"
                "    conversion:            %9.4f s\n"
                "    CFGs:                  %9.4f s\n"
                "    facts:                 %9.4f s\n"
                "    link (imports settle): %9.4f s   (%u rounds, %u units rebuilt)\n"
                "    checks per unit:       %9.4f s\n"
                "    programs and checks:   %9.4f s\n",
                parsed, failed, t_parse, t_own, t_parse > 0 ? 100.0 * t_own / t_parse : 0.0, total,
                t_parse > 0 ? total / t_parse : 0.0, (double)arena_bytes / 1024.0, t_conv, t_cfg, t_facts, t_link,
                link_rounds, link_rebuilt, t_checks, t_prog);
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
