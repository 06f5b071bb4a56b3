/* units.c - the units of a run: parse, facts, link, cache (see units.h). */
#include "units.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../base/clock.h"
#include "../base/poll.h"
#include "../base/strbuf.h"
#include "../base/strmap.h"
#include "../base/xalloc.h"
#include "allow.h"
#include "clang_output.h"
#include "../frontend/parse_pool.h"

/* The CFG of every function the unit converted (its main file's, and the headers' it calls). */
static cfg **build_cfgs(const fl_options *o, ast_tu *tu)
{
    cfg **cfgs = FL_NEW_ARRAY(tu->arena, cfg *, tu->nfuncs + 1);
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        const ast_func *fn = tu->funcs[i];
        if (o->dump_ast && fn->in_main_file)
            ast_dump_func(fn, stderr); /* stdout carries only the diagnostics */
        fl_poll(fn->name); /* the per-unit budget may stop here (budget.h) */
        cfgs[i] = cfg_build(tu->arena, fn);
#ifndef NDEBUG
        cfg_verify(cfgs[i]);
#endif
        if (o->dump_cfg && fn->in_main_file)
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

/* ---- link slots ---------------------------------------------------------------------------- */

static void map_link(run_units *r, uint32_t link_slot, int32_t unit_slot)
{
    while (link_slot >= r->link_cap) {
        uint32_t old = r->link_cap;
        r->link_cap = r->link_cap ? 2 * r->link_cap : 64;
        r->slot_of_link = fl_xrealloc(r->slot_of_link, r->link_cap * sizeof *r->slot_of_link);
        for (uint32_t i = old; i < r->link_cap; i++)
            r->slot_of_link[i] = -1;
    }
    r->slot_of_link[link_slot] = unit_slot;
    if (link_slot >= r->nlink)
        r->nlink = link_slot + 1;
}

/* ---- one unit -------------------------------------------------------------------------------- */

/* The steps of a unit that the per-unit budget limits (budget.h). */
typedef struct unit_step {
    run_units *r;
    unit_slot *s;
    double t_cfg, t_facts;
} unit_step;

static void build_step(void *p)
{
    unit_step *a = p;
    double t0 = fl_now();
    a->s->cfgs = build_cfgs(a->r->o, a->s->tu);
    double t1 = fl_now();
    build_facts(a->s, a->r->link, a->r->sm, a->r->needs);
    a->t_cfg = t1 - t0;
    a->t_facts = fl_now() - t1;
}

/* A job parsed in this thread, with what clang prints caught for it; when the command lines were
   probed (`probed`, clang_output.h), what it prints is already counted. */
static fe_unit *parse_here(run_units *r, fe_index *ix, clang_output *co, const fe_job *job, bool probed,
                           double *seconds)
{
    double t0 = fl_now();
    clang_output_begin(co);
    fe_unit *u = fe_parse(ix, job, r->sm, r->sink);
    clang_output_end_units(co, probed ? NULL : job->file, probed ? 0 : 1);
    *seconds = fl_now() - t0;
    return u;
}

static void step(run_units *r, const fe_job *job)
{
    char *shown = fe_display_path(job->file);
    progress_step(&r->prog, shown);
    free(shown);
}

/* The tree of a job from the cache, when it still holds (in->tree); false, and under --verbose
   why for the first few, when not. */
static bool load_tree(run_units *r, const fe_job *job, unit_in *in)
{
    memset(in, 0, sizeof *in);
    if (!r->cache || job->contents)
        return false;
    char why[512];
    double t0 = fl_now();
    in->tree = cache_load_tree(r->cache, job, r->sm, &in->inputs, &in->ninputs, why, sizeof why);
    r->st.t_trees += fl_now() - t0;
    if (in->tree) {
        r->st.from_tree++;
        return true;
    }
    if (job->tree) { /* a tree named on the command line (--link): there is nothing to parse */
        char *shown = fe_display_path(job->tree);
        diag_sink_add(r->sink, diag_new(LVL_ERROR, NULL, NULL, "cannot use `%s`: %s", shown, why));
        free(shown);
    } else if (r->o->verbose && why[0] && r->st.tree_misses++ < 3) {
        char *shown = fe_display_path(job->file);
        diag_sink_add(r->sink, diag_new(LVL_NOTE, NULL, NULL, "`%s` is parsed: %s", shown, why));
        free(shown);
    }
    return false;
}

/* Keep the tree of a unit just parsed for the next run. */
static void store_tree(run_units *r, const fe_job *job, fe_unit *u, const ast_tu *tu)
{
    if (!r->cache || job->contents)
        return;
    const char *const *inputs;
    uint32_t ninputs = fe_unit_inputs(u, &inputs);
    char err[512];
    size_t bytes = 0;
    double t0 = fl_now();
    if (cache_store_tree(r->cache, job, tu, inputs, ninputs, r->sm, &bytes, err, sizeof err)) {
        r->st.trees_stored++;
        r->st.tree_bytes += bytes;
    } else if (r->st.trees_failed++ == 0 && r->o->verbose)
        diag_sink_add(r->sink, diag_new(LVL_NOTE, NULL, NULL, "trees of units are not kept for the next run: %s", err));
    r->st.t_trees += fl_now() - t0;
}

/* A job's unit in a new slot, with its facts: parsed (in->u, converted here; NULL when it did not
   parse) or its tree read back from the cache (in->tree). Its summary goes to link slot
   `link_slot`, or to a new one when UINT32_MAX. False when it did not parse. */
static bool add_unit(run_units *r, unit_in *in, double parse_seconds, const fe_job *job, bool summary_only,
                     uint32_t link_slot)
{
    fe_unit *u = in->u;
    r->st.t_parse += parse_seconds;
    double t1 = fl_now();
    if (!u && !in->tree) {
        r->st.failed++;
        return false;
    }
    if (u)
        r->st.parsed++;
    if (r->nslots == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 64;
        r->slots = fl_xrealloc(r->slots, r->cap * sizeof *r->slots);
    }
    unit_slot *s = &r->slots[r->nslots++];
    memset(s, 0, sizeof *s);
    s->job = job;
    s->summary_only = summary_only;
    /* The checks that run are those the unit's main file enables (as in clang-tidy); each
       finding then takes the level of the file it is in (config_level_of). */
    const config_policy *pol = config_for_file(r->cfg, job->file);
    for (unsigned i = 0; i < check_count && i < CONFIG_MAX_CHECKS; i++)
        if (pol->run[i])
            s->enabled[s->nenabled++] = &check_registry[i];
    s->u = u;
    double t2 = t1;
    if (u) {
        s->tu = fe_unit_ast(u);
        t2 = fl_now();
        fe_unit_release_clang(u);
        r->st.t_parse += fl_now() - t2;
        store_tree(r, job, u, s->tu);
    } else {
        s->tu = in->tree;
        s->inputs = in->inputs;
        s->ninputs = in->ninputs;
    }
    if (!summary_only)
        allow_register_unit(r->sup, r->sink, r->rec, s->tu);
    s->output = job->output;
    s->link = link_slot != UINT32_MAX ? link_slot
                                      : link_add_unit(r->link, fl_srcmap_path(r->sm, s->tu->main_file), s->output);
    map_link(r, s->link, (int32_t)(s - r->slots));
    unit_step step = {r, s, 0, 0};
    if (!budget_run(r->bg, &s->spent, fl_srcmap_path(r->sm, s->tu->main_file), r->sink, build_step, &step)) {
        /* over its limits: reported and dropped (and leaked: budget.h), with what the link had
           for it from the last run */
        uint32_t l = s->link;
        memset(s, 0, sizeof *s);
        s->link = l;
        s->summary_only = summary_only;
        if (link_slot != UINT32_MAX)
            link_set_summary(r->link, l, NULL);
    }
    r->st.t_conv += t2 - t1;
    r->st.t_cfg += step.t_cfg;
    r->st.t_facts += step.t_facts;
    return true;
}

/* ---- settling -------------------------------------------------------------------------------- */

/* Rounds of rebuilding after the first: each lets a summary cross one more unit boundary (a
   spawn wrapper calling a wrapper in a third file). Summaries only grow, so this settles fast;
   the cap guards against a bug that would not. */
#define LINK_ROUNDS 8

static void slot_imports(void *ctx, uint32_t link_slot, void (*visit)(void *vctx, const char *name), void *vctx)
{
    const run_units *r = ctx;
    int32_t k = link_slot < r->nlink ? r->slot_of_link[link_slot] : -1;
    const fx_unit *fx = k >= 0 ? r->slots[k].fx : NULL;
    for (uint32_t i = 0; fx && i < fx->nimports; i++)
        visit(vctx, fx->imports[i].name);
}

/* Bring every unit's facts up to date with the others' summaries, units after those they
   import from. */
static void settle_imports(run_units *r)
{
    uint32_t n = link_units(r->link);
    uint32_t *order = fl_xcalloc(n + 1, sizeof *order);
    link_order(r->link, n, slot_imports, r, order);
    for (int round = 0; round < LINK_ROUNDS; round++) {
        bool changed = false;
        for (uint32_t k = 0; k < n; k++) {
            int32_t i = order[k] < r->nlink ? r->slot_of_link[order[k]] : -1;
            unit_slot *s = i >= 0 ? &r->slots[i] : NULL;
            if (s && s->fx && fx_unit_imports_changed(s->fx, link_importer(r->link, s->link))) {
                build_facts(s, r->link, r->sm, r->needs);
                changed = true;
                r->st.link_rebuilt++;
            }
        }
        if (!changed)
            break;
        r->st.link_rounds++;
    }
    free(order);
}

/* When every unit to check is read back from the cache and so is its summary, nothing changed
   since the run that stored them: each unit's link slot starts with the summary that run settled
   on, so each unit's facts are built once with what the others export, not first without it
   and again while settling. The fresh summaries replace them as the units are built, and
   settling still checks every import. One changed file leaves every slot empty at the start, as
   on a first run: a summary of the last run could hold up a cycle of imports that the change
   broke. Into slot[k] per job (UINT32_MAX for none); false when not. */
static bool seed_summaries(run_units *r, const fe_joblist *jobs, const unit_in *in, uint32_t *slot)
{
    for (uint32_t k = 0; k < jobs->n; k++)
        slot[k] = UINT32_MAX;
    if (!r->cache || !jobs->n)
        return false;
    us_unit **sums = fl_xcalloc(jobs->n, sizeof *sums);
    bool all = true;
    for (uint32_t k = 0; k < jobs->n && all; k++) {
        sf_stamp st;
        char why[512];
        all = in[k].tree && (sums[k] = cache_load(r->cache, &jobs->jobs[k], r->sm, &st, why, sizeof why));
    }
    for (uint32_t k = 0; k < jobs->n; k++) {
        if (!all) {
            us_free(sums[k]);
            continue;
        }
        slot[k] = link_add_unit(r->link, fl_srcmap_path(r->sm, in[k].tree->main_file), jobs->jobs[k].output);
        link_set_summary(r->link, slot[k], sums[k]);
        map_link(r, slot[k], -1);
    }
    free(sums);
    return all;
}

/* ---- the other units: summaries from the cache ------------------------------------------------- */

/* A unit counted by the summary the cache had for it. */
typedef struct cached_unit {
    const fe_job *job;
    uint32_t link;
    sf_stamp st;           /* in the summary's arena, owned by the link */
    bool stale;
} cached_unit;

/* Under --verbose, why another unit is parsed for its summary. */
static void note_reparse(run_units *r, const fe_job *job, const char *why)
{
    if (!r->o->verbose)
        return;
    char *shown = fe_display_path(job->file);
    diag_sink_add(r->sink, diag_new(LVL_NOTE, NULL, NULL, "`%s` is parsed for its summary: %s", shown, why));
    free(shown);
}

/* Does a summary read back still hold with what the other units export now? */
static bool imports_hold(run_units *r, const cached_unit *c)
{
    const fx_importer *imp = link_importer(r->link, c->link);
    for (uint32_t i = 0; i < c->st.nimports; i++) {
        const us_fn *f = imp->lookup(imp->ctx, c->st.imports[i].name);
        if ((f ? f->hash : 0) != c->st.imports[i].hash)
            return false;
    }
    return true;
}

static void store_summaries(run_units *r)
{
    for (uint32_t i = 0; i < r->nslots; i++) {
        const unit_slot *s = &r->slots[i];
        if (!s->fx || !s->tu)
            continue;
        const char *const *inputs = (const char *const *)s->inputs;
        uint32_t ninputs = s->u ? fe_unit_inputs(s->u, &inputs) : s->ninputs;
        sf_import *imports = fl_xcalloc(s->fx->nimports + 1, sizeof *imports);
        for (uint32_t k = 0; k < s->fx->nimports; k++)
            imports[k] = (sf_import){s->fx->imports[k].name, s->fx->imports[k].hash};
        char err[512];
        if (cache_store(r->cache, s->job, link_summary(r->link, s->link), inputs, ninputs, imports, s->fx->nimports,
                        r->sm, err, sizeof err))
            r->st.stored++;
        else if (r->st.store_failed++ == 0 && r->o->verbose)
            diag_sink_add(r->sink, diag_new(LVL_NOTE, NULL, NULL,
                                            "summaries of units are not kept for the next run: %s", err));
        free(imports);
    }
}

/* ---- parsing in threads ------------------------------------------------------------------------ */

/* The threads that parse: -j, or one per core; none for fewer than two units, nor while the
   trees and CFGs are dumped on standard error (caught while threads parse). */
static unsigned parse_threads(const fl_options *o, uint32_t n)
{
    unsigned t = o->jobs;
    if (t == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        t = cores > 0 ? (unsigned)cores : 1;
    }
    if (t < 2 || n < 2 || o->dump_ast || o->dump_cfg)
        return 0;
    return t < n ? t : n;
}

/* Before units are parsed in parallel: what clang prints about each distinct command line,
   caught from one parse of it with an empty file, for every unit that shares it
   (clang_output.h). */
static void probe_flags(fe_index *ix, clang_output *co, const fe_job *const *list, uint32_t n)
{
    fl_strmap seen = {0};
    char **keys = fl_xcalloc(n + 1, sizeof *keys);
    uint32_t *count = fl_xcalloc(n + 1, sizeof *count); /* per first job of a key */
    uint32_t *first = fl_xcalloc(n + 1, sizeof *first); /* per job: the first job of its key */
    for (uint32_t k = 0; k < n; k++) {
        uint32_t nf;
        const char **flags = fe_job_flags(list[k], &nf);
        fl_strbuf sb = {0};
        for (uint32_t i = 0; i < nf; i++) {
            fl_sb_puts(&sb, flags[i]);
            fl_sb_putc(&sb, '\x1f');
        }
        free(flags);
        keys[k] = fl_xstrdup(fl_sb_str(&sb));
        fl_sb_free(&sb);
        first[k] = fl_strmap_intern(&seen, keys[k], k);
        count[first[k]]++;
    }
    for (uint32_t k = 0; k < n; k++)
        if (first[k] == k && !list[k]->tree) { /* a tree file has no command: the build had its say */
            clang_output_begin(co);
            fe_probe_flags(ix, list[k]);
            clang_output_end_units(co, list[k]->file, count[k]);
        }
    for (uint32_t k = 0; k < n; k++)
        free(keys[k]);
    free(keys);
    free(count);
    free(first);
    fl_strmap_free(&seen);
}

void units_run(run_units *r, const fe_joblist *jobs, const fe_joblist *others)
{
    r->link = link_new();
    fe_index *ix = fe_index_new();
    clang_output *co = clang_output_new();
    /* the other units' summaries that still hold, as far as their files can tell */
    FL_VEC(cached_unit) cached = {0};
    FL_VEC(const fe_job *) reparse = {0};
    for (uint32_t j = 0; others && j < others->n; j++) {
        const fe_job *job = &others->jobs[j];
        sf_stamp st;
        char why[512];
        us_unit *sum = r->cache ? cache_load(r->cache, job, r->sm, &st, why, sizeof why) : NULL;
        if (!sum) {
            fl_vec_push(&reparse, job);
            /* why, for the first few (a first run would list the whole database) */
            if (r->cache && reparse.len <= 3)
                note_reparse(r, job, why);
            continue;
        }
        char *shown = fe_display_path(job->file);
        cached_unit c = {job, link_add_unit(r->link, shown, job->output), st, false};
        free(shown);
        link_set_summary(r->link, c.link, sum);
        map_link(r, c.link, -1);
        fl_vec_push(&cached, c);
    }
    /* the units to check, then those parsed for their summaries: their trees from the cache when
       they hold, the others parsed ahead in threads */
    uint32_t n = jobs->n + (uint32_t)reparse.len, nparse = 0;
    const fe_job **all = fl_xcalloc(n + 1, sizeof *all), **list = fl_xcalloc(n + 1, sizeof *list);
    unit_in *in = fl_xcalloc(n + 1, sizeof *in);
    for (uint32_t j = 0; j < jobs->n; j++)
        all[j] = &jobs->jobs[j];
    for (size_t j = 0; j < reparse.len; j++)
        all[jobs->n + j] = reparse.items[j];
    for (uint32_t k = 0; k < n; k++)
        if (!load_tree(r, all[k], &in[k]) && !all[k]->tree)
            list[nparse++] = all[k];
    uint32_t *seeded = fl_xcalloc(jobs->n + 1, sizeof *seeded);
    r->st.seeded = seed_summaries(r, jobs, in, seeded);
    r->st.threads = parse_threads(r->o, nparse);
    /* What clang prints about the command lines: caught per unit while one thread parses
       everything; else from one probe of each command line (clang_output.h), for the units
       read back too. */
    bool probed = r->st.threads || r->st.from_tree;
    if (probed)
        probe_flags(ix, co, all, n);
    FILE *term = NULL; /* in parallel, standard error is caught throughout: the progress line's own */
    if (r->st.threads) {
        int fd = dup(STDERR_FILENO);
        term = fd >= 0 ? fdopen(fd, "w") : NULL;
        if (fd >= 0 && !term)
            close(fd);
        clang_output_begin(co);
    }
    progress_start(&r->prog, term ? term : stderr, !r->o->quiet, n);
    fe_pool *pool = fe_pool_new(ix, list, nparse, r->st.threads);
    for (uint32_t k = 0, p = 0; k < n; k++) {
        double secs = 0;
        step(r, all[k]);
        if (in[k].tree || all[k]->tree) /* read back, or a tree file that could not be: failed */
            ;
        else if (r->st.threads)
            in[k].u = fe_pool_take(pool, p++, r->sm, r->sink, &secs);
        else
            in[k].u = parse_here(r, ix, co, list[p++], probed, &secs);
        if (add_unit(r, &in[k], secs, all[k], k >= jobs->n, k < jobs->n ? seeded[k] : UINT32_MAX) && k >= jobs->n)
            r->st.for_summary++;
    }
    r->st.most_ahead = fe_pool_most_ahead(pool);
    fe_pool_free(pool); /* every unit has let go of its libclang unit (add_unit) */
    free(all);
    free(list);
    free(in);
    free(seeded);
    if (r->st.threads)
        clang_output_end_units(co, NULL, 0);
    double t0 = fl_now();
    settle_imports(r);
    /* a summary read back that imported what another unit no longer exports is parsed again, in
       its link slot; until none is left (each unit at most once) */
    for (bool again = true; again;) {
        again = false;
        for (size_t i = 0; i < cached.len; i++) {
            cached_unit *c = &cached.items[i];
            if (c->stale || imports_hold(r, c))
                continue;
            c->stale = again = true;
            note_reparse(r, c->job, "a function it calls in another unit changed");
            double secs = 0;
            unit_in one;
            step(r, c->job);
            if (!load_tree(r, c->job, &one))
                one.u = parse_here(r, ix, co, c->job, probed, &secs);
            if (add_unit(r, &one, secs, c->job, true, c->link))
                r->st.for_summary++;
        }
        if (again)
            settle_imports(r);
    }
    r->st.t_link += fl_now() - t0;
    progress_end(&r->prog);
    if (term)
        fclose(term);
    for (size_t i = 0; i < cached.len; i++)
        r->st.from_cache += !cached.items[i].stale;
    fe_index_free(ix);
    clang_output_report(co, r->sink, r->sm, r->o->verbose);
    clang_output_free(co);
    if (r->cache) {
        store_summaries(r);
        char err[600];
        unsigned lost = cache_flush(r->cache, err, sizeof err);
        r->st.trees_stored -= lost < r->st.trees_stored ? lost : r->st.trees_stored;
        if (lost && r->st.trees_failed++ == 0 && r->o->verbose)
            diag_sink_add(r->sink, diag_new(LVL_NOTE, NULL, NULL, "trees of units are not kept for the next run: %s", err));
    }
    if (r->o->verbose && others)
        diag_sink_add(r->sink,
                      diag_new(LVL_NOTE, NULL, NULL,
                               "the %u other units of the compilation database count by their summaries: %u read "
                               "from the cache%s%s%s, %u parsed for theirs",
                               others->n, r->st.from_cache, r->cache ? " (" : "", r->cache ? cache_dir(r->cache) : "",
                               r->cache ? ")" : "", r->st.for_summary));
    fl_vec_free(&cached);
    fl_vec_free(&reparse);
}

void units_free(run_units *r)
{
    for (uint32_t i = 0; i < r->nslots; i++) {
        unit_slot *s = &r->slots[i];
        fx_unit_free(s->fx);
        fe_unit_free(s->u);
        if (!s->u && s->tu) /* read back from the cache: the tree owns its arena */
            fl_arena_free(s->tu->arena);
        for (uint32_t k = 0; k < s->ninputs; k++)
            free(s->inputs[k]);
        free(s->inputs);
    }
    free(r->slots);
    free(r->slot_of_link);
    link_free(r->link);
    r->slots = NULL;
    r->slot_of_link = NULL;
    r->link = NULL;
}
