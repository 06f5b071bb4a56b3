/* driver.c - one run: jobs from the command line or the compile database, each unit parsed,
 * converted, its functions' CFGs built and the enabled checks run, then the sink rendered. */
#include "driver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/arena.h"
#include "../base/clock.h"
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
#include "../suggest/suggest.h"
#include "../facts/unit.h"
#include "../frontend/cdb.h"
#include "../frontend/parse.h"
#include "../ir/cfg.h"
#include "allow.h"
#include "budget.h"
#include "cache.h"
#include "units.h"
#include "checksel.h"
#include "clang_output.h"
#include "config.h"
#include "coverage.h"
#include "filters.h"
#include "fixes.h"
#include "link_trees.h"
#include "replay.h"
#include "usage.h"

#ifndef FEARLESS_VERSION
#define FEARLESS_VERSION "0.0.0"
#endif

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
        sarif_rule rules[CONFIG_MAX_CHECKS + CONFIG_MAX_SUGGEST];
        size_t n = 0;
        for (unsigned i = 0; i < check_count && i < CONFIG_MAX_CHECKS; i++, n++) {
            const check_info *c = &check_registry[i];
            rules[n] = (sarif_rule){c->name, c->code, c->summary, check_explain_text(c), c->level};
        }
        for (unsigned k = 0; o->suggest && k < suggest_nkinds && k < CONFIG_MAX_SUGGEST; k++, n++)
            rules[n] = (sarif_rule){suggest_kinds[k], NULL, suggest_kind_summaries[k], NULL, LVL_NOTE};
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
        if (!s->cfgs[i] || !s->tu->funcs[i]->in_main_file) /* headers' functions: not the unit's */
            continue;
        check_ctx ctx = {fx, s->tu, s->tu->funcs[i], s->cfgs[i], s->cfgs, fx->arena, sink, o->verbose, NULL};
        for (unsigned c = 0; c < nenabled; c++)
            enabled[c]->run(&ctx);
    }
    check_ctx unit = {fx, s->tu, NULL, NULL, s->cfgs, fx->arena, sink, o->verbose, NULL};
    for (unsigned c = 0; c < nenabled; c++)
        enabled[c]->run(&unit);
}

/* A unit's checks, as a step the per-unit budget limits (budget.h). */
typedef struct check_args {
    const fl_options *o;
    const unit_slot *s;
    diag_sink *sink;
} check_args;

static void check_step(void *p)
{
    check_args *a = p;
    check_unit(a->o, a->s, a->sink);
}

static void drop_record(void *rec)
{
    replay_free(rec);
}

/* The report of the last run on this build, replayed into the sink and suppressions when it still
   holds (cli/replay.h); else a record of this run, or NULL when the run is not one to record. */
static bool replay_or_record(const fl_options *o, sum_cache *cache, config *cfg, const fe_joblist *jobs,
                             unsigned needs, diag_sink *sink, suppress_set *sup, uint64_t *key, replay_rec **rec,
                             uint32_t *replayed)
{
    *rec = NULL;
    if (!cache || !replay_eligible(o, jobs))
        return false;
    *key = replay_key(o, cfg, jobs, needs);
    char why[512];
    replay_rec *old = cache_load_report(cache, *key, jobs, diag_sink_srcmap(sink), replay_get, drop_record, why,
                                        sizeof why);
    if (old) {
        replay_apply(old, sink, sup);
        *replayed = replay_count(old);
        replay_free(old);
        return true;
    }
    *rec = replay_record(sink);
    return false;
}

/* Keep the record of a run whose every unit was analyzed, for the next run (cli/replay.h). */
static void store_record(sum_cache *cache, uint64_t key, const fe_joblist *jobs, const run_units *r, replay_rec *rec)
{
    if (r->st.failed || r->nslots != jobs->n || !replay_complete(rec))
        return;
    const char *const **inputs = fl_xcalloc(jobs->n + 1, sizeof *inputs);
    uint32_t *ninputs = fl_xcalloc(jobs->n + 1, sizeof *ninputs);
    bool all = true;
    for (uint32_t i = 0; i < jobs->n && all; i++) {
        const unit_slot *s = &r->slots[i];
        all = s->fx && !s->spent.stopped && s->job == &jobs->jobs[i];
        if (all && s->u)
            ninputs[i] = fe_unit_inputs(s->u, &inputs[i]);
        else if (all) {
            inputs[i] = (const char *const *)s->inputs;
            ninputs[i] = s->ninputs;
        }
    }
    char err[600];
    if (all)
        cache_store_report(cache, key, jobs, inputs, ninputs, diag_sink_srcmap(r->sink), replay_put, rec, err,
                           sizeof err); /* not kept: the next run analyzes again */
    free(inputs);
    free(ninputs);
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

    double t_start = fl_now();
    fl_srcmap *sm = fl_srcmap_new();
    diag_sink *sink = diag_sink_new(sm);
    char *err = NULL;
    config *cfg = config_new(o, sm, sink, &err);
    filters *flt = cfg ? filters_new(o, sm, &err) : NULL;
    if (cfg && flt && o->checks && !o->suggest) {
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
    sum_cache *link_cache = NULL; /* --link: reads the trees, and keeps the summaries */
    const char *misuse = NULL;
    if (o->link && (o->build_dir || o->nfiles || o->have_compile_args))
        misuse = "--link takes the units from the trees under its folder: no -p, files or `--` with it";
    else if (!o->link && !o->build_dir && o->nfiles == 0)
        misuse = "no input files (give source files, or -p <build dir> with compile_commands.json)";
    if (misuse) {
        usage_error(o->format, "%s", misuse);
        diag_sink_free(sink);
        suppress_free(sup);
        filters_free(flt);
        config_free(cfg);
        fl_srcmap_free(sm);
        return 2;
    }
    if (o->link) {
        char *dir = o->cache_dir ? fl_xstrdup(o->cache_dir) : fl_xasprintf("%s/.fearless-cache", o->link);
        link_cache = cache_new(dir);
        free(dir);
        rc = link_trees_jobs(o->link, link_cache, &jobs, sink);
    } else if (o->build_dir)
        rc = fe_jobs_from_cdb(o->build_dir, o->files, o->nfiles, o->extra_arg_before, o->nextra_before,
                              o->extra_arg, o->nextra, &jobs, sink);
    else
        rc = fe_jobs_from_files(o->files, o->nfiles, o->compile_args, o->ncompile_args, o->have_compile_args,
                                o->extra_arg_before, o->nextra_before, o->extra_arg, o->nextra, &jobs, sink);

    /* With files of a database, the database's other units count by their summaries. */
    fe_joblist others = {0}, other_view = {0};
    if (o->build_dir && o->nfiles && rc == 0) {
        diag_sink *quiet = diag_sink_new(sm); /* its problems are the database's: -p alone says them */
        if (fe_jobs_from_cdb(o->build_dir, NULL, 0, o->extra_arg_before, o->nextra_before, o->extra_arg, o->nextra,
                             &others, quiet) == 0) {
            other_view.jobs = fl_xcalloc(others.n + 1, sizeof *other_view.jobs); /* shallow copies */
            for (uint32_t i = 0; i < others.n; i++) {
                bool named = false;
                for (uint32_t k = 0; k < jobs.n && !named; k++)
                    named = strcmp(jobs.jobs[k].file, others.jobs[i].file) == 0;
                if (!named)
                    other_view.jobs[other_view.n++] = others.jobs[i];
            }
        }
        diag_sink_free(quiet);
    }
    /* Summaries of units are kept beside the database, unless told otherwise. */
    sum_cache *cache = link_cache;
    if (!cache && !o->no_cache && (o->cache_dir || jobs.db_dir)) {
        char *dir = o->cache_dir ? fl_xstrdup(o->cache_dir) : fl_xasprintf("%s/.fearless-cache", jobs.db_dir);
        cache = cache_new(dir);
        free(dir);
    }

    /* Input errors (a missing file) are reported at the end; the other units are analyzed. */
    if (o->verbose)
        note_inputs(&jobs, sink);
    /* The facts every unit builds: what any unit's checks need (the program checks read the
       facts of every unit of a program). */
    unsigned needs = 0;
    for (uint32_t j = 0; j < jobs.n && !o->suggest; j++) {
        const config_policy *pol = config_for_file(cfg, jobs.jobs[j].file);
        for (unsigned i = 0; i < check_count && i < CONFIG_MAX_CHECKS; i++)
            if (pol->run[i])
                needs |= check_registry[i].needs;
    }
    if (o->suggest) /* --suggest runs instead of the checks: it reads the locksets */
        needs = FX_NEED_LOCKS;
    if (cache)
        cache_set_facts(cache, needs);
    uint64_t key = 0;
    replay_rec *rec = NULL;
    uint32_t replayed = 0;
    bool from_record = rc == 0 && replay_or_record(o, cache, cfg, &jobs, needs, sink, sup, &key, &rec, &replayed);
    budget *bg = budget_new(o->unit_time_limit, o->unit_memory_limit);
    run_units r = {0};
    r.o = o;
    r.sm = sm;
    r.sink = sink;
    r.sup = sup;
    r.cfg = cfg;
    r.bg = bg;
    r.needs = needs;
    r.cache = cache;
    r.rec = rec;
    /* Parse and convert every unit, building its facts with what the units before it export;
       then bring them all up to date; then check the units given. */
    if (!from_record)
        units_run(&r, &jobs, others.jobs ? &other_view : NULL);
    double t_own = r.st.t_conv + r.st.t_cfg + r.st.t_facts + r.st.t_link + r.st.t_trees;
    /* the units that were analyzed and are to be checked, together */
    unit_slot *checked = fl_xcalloc(r.nslots + 1, sizeof *checked);
    uint32_t nchecked = 0;
    for (uint32_t i = 0; i < r.nslots; i++)
        if (r.slots[i].fx && !r.slots[i].summary_only)
            checked[nchecked++] = r.slots[i];
    double t7 = fl_now();
    for (uint32_t i = 0; i < nchecked && !o->suggest; i++) {
        check_args a = {o, &checked[i], sink};
        budget_run(bg, &checked[i].spent, fl_srcmap_path(sm, checked[i].tu->main_file), sink, check_step, &a);
    }
    if (o->suggest && !from_record) {
        sg_unit *su = fl_xcalloc(nchecked + 1, sizeof *su);
        for (uint32_t i = 0; i < nchecked; i++)
            su[i] = (sg_unit){checked[i].tu, checked[i].cfgs, checked[i].fx->locks, &checked[i].fx->sums,
                              checked[i].fx->arena, fl_srcmap_path(sm, checked[i].tu->main_file)};
        /* the kinds the checks globs select (the configuration files', then --checks), as for
           the checks themselves */
        suggest_run(su, nchecked, sink, o->verbose, config_for_file(cfg, ".")->suggest);
        free(su);
    }
    double t8 = fl_now();
    if ((needs & FX_NEED_PROGRAM) == FX_NEED_PROGRAM && !from_record) {
        for (uint32_t i = 0; i < nchecked; i++)
            fx_unit_build_shared(checked[i].fx);
        check_programs(o, checked, nchecked, sm, sink);
    }
    double t9 = fl_now();
    if (rec)
        store_record(cache, key, &jobs, &r, rec);
    replay_free(rec); /* the sink is told no more: what finishing adds is not the analysis's */
    double t_checks = t8 - t7, t_prog = t9 - t8;
    t_own += t9 - t7;
    size_t arena_bytes = 0;
    for (uint32_t i = 0; i < r.nslots; i++)
        if (r.slots[i].fx)
            arena_bytes += fl_arena_used(r.slots[i].tu->arena) + fl_arena_used(r.slots[i].fx->arena);
    free(checked);
    units_free(&r);
    budget_free(bg);
    cache_free(cache);
    free(other_view.jobs);
    fe_joblist_free(&others);

    diag_sink_finish(sink);
    int filter_failed = filters_apply(flt, sink);
    int write_failed = render(o, sink) || filter_failed;
    if (o->export_fixes && fixes_export(o->export_fixes, sink, o->nfiles == 1 ? o->files[0] : NULL) != 0)
        write_failed = 1;
    if (o->fix != FIX_NONE) {
        bool incomplete = rc != 0 || r.st.failed || diag_sink_has_input_errors(sink);
        unsigned applied = 0, suggested = 0;
        if (incomplete && o->fix != FIX_EVEN_WITH_ERRORS)
            fprintf(stderr, "fearless: not applying fixes: some code could not be analyzed (--fix-errors applies "
                            "them anyway)\n");
        else if (fixes_apply(sink, &applied, &suggested) != 0)
            write_failed = 1;
        if (suggested)
            fprintf(stderr, "fearless: applied %u of %u suggested fixes\n", applied, suggested);
    }

    if (o->time_report) {
        const units_stats *st = &r.st;
        char replay_line[160] = "";
        if (from_record)
            snprintf(replay_line, sizeof replay_line,
                     "  report: the last run's, replayed (%u units unchanged, %u diagnostics)\n", jobs.n, replayed);
        double total = st->t_parse + t_own;
        fprintf(stderr,
                "===-------------------------------------------------------------------------===\n"
                "                         fearless time report\n"
                "===-------------------------------------------------------------------------===\n"
                "  units: %u parsed, %u failed; other units: %u summaries from the cache, %u parsed\n"
                "  trees: %u read back from the cache, %u written (%.1f MiB), %.4f s\n"
                "%s"
                "  parse (libclang):        %9.4f s\n"
                "  analysis (fearless):     %9.4f s   (%.1f%% of parse)\n"
                "  total:                   %9.4f s   (%.3fx parse)\n"
                "  analysis memory:         %9.1f KiB (unit arenas, summed over units)\n"
                "  analysis, by stage:\n"
                "    conversion:            %9.4f s\n"
                "    CFGs:                  %9.4f s\n"
                "    facts:                 %9.4f s\n"
                "    link (imports settle): %9.4f s   (%u rounds, %u units rebuilt%s)\n"
                "    checks per unit:       %9.4f s\n"
                "    programs and checks:   %9.4f s\n"
                "  wall, whole run:         %9.4f s   (%u parse thread%s%s)\n"
                "  units parsed ahead:      %9u     (the most at once)\n",
                st->parsed, st->failed, st->from_cache, st->for_summary, st->from_tree, st->trees_stored,
                (double)st->tree_bytes / (1024.0 * 1024.0), st->t_trees, replay_line, st->t_parse, t_own,
                st->t_parse > 0 ? 100.0 * t_own / st->t_parse : 0.0, total, st->t_parse > 0 ? total / st->t_parse : 0.0,
                (double)arena_bytes / 1024.0, st->t_conv, st->t_cfg, st->t_facts, st->t_link, st->link_rounds,
                st->link_rebuilt, st->seeded ? "; started from the summaries of the last run" : "", t_checks, t_prog, fl_now() - t_start, st->threads ? st->threads : 1,
                st->threads ? "s" : "", st->threads ? "; parse seconds are summed over them" : "", st->most_ahead);
    }
    uint32_t failed = r.st.failed;

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
