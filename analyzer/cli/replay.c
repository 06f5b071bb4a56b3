/* replay.c - the report of a run, kept for the next run on an unchanged build (see replay.h). */
#include "replay.h"

#include <stdlib.h>
#include <string.h>

#include "../base/hash.h"
#include "../base/vec.h"
#include "../base/xalloc.h"
#include "../checks/registry.h"

typedef struct rp_function {
    fl_span extent;
    char *name;
} rp_function;

typedef struct rp_allow {
    char *name;      /* the variable, or NULL: an allow on a function */
    fl_span extent;  /* the function's definition, or the variable's declaration */
    bool any_file;
    fl_span where;
    char *checks;
} rp_allow;

struct replay_rec {
    diag_sink *sink; /* told us what it is given; NULL: a record read back */
    FL_VEC(diag *) diags;
    FL_VEC(rp_function) functions;
    FL_VEC(rp_allow) allows;
    fl_u32_vec files;
};

bool replay_eligible(const fl_options *o, const fe_joblist *jobs)
{
    if (o->verbose || o->dump_ast || o->dump_cfg || o->link || (o->build_dir && o->nfiles) || !jobs->n)
        return false;
    for (uint32_t i = 0; i < jobs->n; i++)
        if (jobs->jobs[i].contents || jobs->jobs[i].tree)
            return false;
    return true;
}

static uint64_t hash_u64(uint64_t h, uint64_t v)
{
    return fl_fnv1a(h, &v, sizeof v);
}

uint64_t replay_key(const fl_options *o, config *cfg, const fe_joblist *jobs, unsigned needs)
{
    uint64_t h = fl_fnv1a_str(FL_FNV_BASIS, "fearless report 1");
    h = hash_u64(h, needs);
    h = hash_u64(h, o->suggest);
    /* a unit over a limit is dropped: the limits decide which units count */
    h = hash_u64(h, (uint64_t)(o->unit_time_limit * 1000.0));
    h = hash_u64(h, (uint64_t)(o->unit_memory_limit * 1024.0));
    /* --suggest's kinds are those of the working folder's configuration */
    for (unsigned k = 0; o->suggest && k < CONFIG_MAX_SUGGEST; k++)
        h = hash_u64(h, config_for_file(cfg, ".")->suggest[k]);
    for (uint32_t i = 0; i < jobs->n; i++) {
        h = fl_fnv1a_str(h, jobs->jobs[i].file);
        const config_policy *pol = config_for_file(cfg, jobs->jobs[i].file);
        for (unsigned c = 0; c < check_count && c < CONFIG_MAX_CHECKS; c++)
            h = hash_u64(h, (uint64_t)pol->run[c] | (uint64_t)pol->wae[c] << 1 | (uint64_t)(pol->level[c] + 2) << 2);
        for (unsigned k = 0; k < CONFIG_MAX_SUGGEST; k++)
            h = hash_u64(h, pol->suggest[k]);
    }
    return h;
}

static void tap_diag(void *ctx, const diag *d)
{
    replay_rec *r = ctx;
    fl_vec_push(&r->diags, diag_clone(d));
}

static void tap_function(void *ctx, fl_span extent, const char *name)
{
    replay_rec *r = ctx;
    rp_function f = {extent, fl_xstrdup(name)};
    fl_vec_push(&r->functions, f);
}

static const diag_sink_tap TAP = {tap_diag, tap_function};

replay_rec *replay_record(diag_sink *sink)
{
    replay_rec *r = fl_xcalloc(1, sizeof *r);
    r->sink = sink;
    diag_sink_set_tap(sink, &TAP, r);
    return r;
}

void replay_free(replay_rec *r)
{
    if (!r)
        return;
    if (r->sink)
        diag_sink_set_tap(r->sink, NULL, NULL);
    for (size_t i = 0; i < r->diags.len; i++)
        diag_free(r->diags.items[i]);
    for (size_t i = 0; i < r->functions.len; i++)
        free(r->functions.items[i].name);
    for (size_t i = 0; i < r->allows.len; i++) {
        free(r->allows.items[i].name);
        free(r->allows.items[i].checks);
    }
    fl_vec_free(&r->diags);
    fl_vec_free(&r->functions);
    fl_vec_free(&r->allows);
    fl_vec_free(&r->files);
    free(r);
}

void replay_file(replay_rec *r, uint32_t file)
{
    if (r)
        fl_vec_push(&r->files, file);
}

void replay_allow(replay_rec *r, fl_span extent, fl_span where, const char *checks)
{
    if (!r)
        return;
    rp_allow a = {NULL, extent, false, where, fl_xstrdup(checks)};
    fl_vec_push(&r->allows, a);
}

void replay_allow_var(replay_rec *r, const char *name, fl_span decl, bool any_file, fl_span where,
                      const char *checks)
{
    if (!r)
        return;
    rp_allow a = {fl_xstrdup(name), decl, any_file, where, fl_xstrdup(checks)};
    fl_vec_push(&r->allows, a);
}

bool replay_complete(const replay_rec *r)
{
    for (size_t i = 0; i < r->diags.len; i++)
        if (!r->diags.items[i]->check && r->diags.items[i]->level == LVL_ERROR)
            return false;
    return true;
}

uint32_t replay_count(const replay_rec *r)
{
    return (uint32_t)r->diags.len;
}

/* ---- bytes ------------------------------------------------------------------------------------ */

static void put_diag(fl_bw *w, const diag *d)
{
    fl_bw_u(w, d->level);
    fl_bw_s(w, d->code);
    fl_bw_s(w, d->check);
    fl_bw_s(w, d->message);
    fl_bw_byte(w, d->from_clang);
    fl_bw_span(w, d->sort_after);
    fl_bw_u(w, d->nlabels);
    for (uint32_t i = 0; i < d->nlabels; i++) {
        fl_bw_span(w, d->labels[i].span);
        fl_bw_s(w, d->labels[i].text);
        fl_bw_byte(w, d->labels[i].primary);
    }
    fl_bw_u(w, d->nchildren);
    for (uint32_t i = 0; i < d->nchildren; i++) {
        const diag_child *c = &d->children[i];
        fl_bw_u(w, c->level);
        fl_bw_s(w, c->message);
        fl_bw_span(w, c->span);
        fl_bw_s(w, c->replacement);
        fl_bw_byte(w, c->before_stmt);
    }
}

void replay_put(fl_bw *w, const void *rec)
{
    const replay_rec *r = rec;
    fl_bw_u(w, r->files.len);
    for (size_t i = 0; i < r->files.len; i++)
        fl_bw_span(w, (fl_span){r->files.items[i], 0, 0});
    fl_bw_u(w, r->functions.len);
    for (size_t i = 0; i < r->functions.len; i++) {
        fl_bw_span(w, r->functions.items[i].extent);
        fl_bw_s(w, r->functions.items[i].name);
    }
    fl_bw_u(w, r->allows.len);
    for (size_t i = 0; i < r->allows.len; i++) {
        const rp_allow *a = &r->allows.items[i];
        fl_bw_s(w, a->name);
        fl_bw_span(w, a->extent);
        fl_bw_byte(w, a->any_file);
        fl_bw_span(w, a->where);
        fl_bw_s(w, a->checks);
    }
    fl_bw_u(w, r->diags.len);
    for (size_t i = 0; i < r->diags.len; i++)
        put_diag(w, r->diags.items[i]);
}

static bool get_bool(fl_br *r)
{
    return fl_br_small(r, 1, "a flag is neither 0 nor 1") != 0;
}

static diag *get_diag(fl_br *r)
{
    diag *d = fl_xcalloc(1, sizeof *d);
    d->level = (diag_level)fl_br_small(r, LVL_HELP, "a diagnostic's level is unknown");
    d->code = fl_xstrdup(fl_br_s(r));
    d->check = fl_xstrdup(fl_br_s(r));
    d->message = fl_xstrdup(fl_br_s(r));
    d->from_clang = get_bool(r);
    d->sort_after = fl_br_span(r);
    /* a label is at least a span (3 bytes), a string reference and a flag */
    d->nlabels = fl_br_count(r, 5);
    d->labels = d->nlabels ? fl_xcalloc(d->nlabels, sizeof *d->labels) : NULL;
    for (uint32_t i = 0; i < d->nlabels; i++) {
        d->labels[i].span = fl_br_span(r);
        d->labels[i].text = fl_xstrdup(fl_br_s(r));
        d->labels[i].primary = get_bool(r);
    }
    d->nchildren = fl_br_count(r, 7);
    d->children = d->nchildren ? fl_xcalloc(d->nchildren, sizeof *d->children) : NULL;
    for (uint32_t i = 0; i < d->nchildren; i++) {
        diag_child *c = &d->children[i];
        c->level = (diag_level)fl_br_small(r, LVL_HELP, "a diagnostic's level is unknown");
        c->message = fl_xstrdup(fl_br_s(r));
        c->span = fl_br_span(r);
        c->replacement = fl_xstrdup(fl_br_s(r));
        c->before_stmt = get_bool(r);
    }
    if (!d->message && !r->bad)
        fl_br_fail(r, "a diagnostic has no message");
    return d;
}

void *replay_get(fl_br *r)
{
    replay_rec *rec = fl_xcalloc(1, sizeof *rec);
    uint32_t n = fl_br_count(r, 3);
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        fl_span f = fl_br_span(r);
        if (!fl_span_valid(f))
            fl_br_fail(r, "an analyzed file has no path");
        fl_vec_push(&rec->files, f.file);
    }
    n = fl_br_count(r, 4);
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        rp_function f = {fl_br_span(r), fl_xstrdup(fl_br_s(r))};
        fl_vec_push(&rec->functions, f);
    }
    n = fl_br_count(r, 9);
    for (uint32_t i = 0; i < n && !r->bad; i++) {
        rp_allow a = {0};
        a.name = fl_xstrdup(fl_br_s(r));
        a.extent = fl_br_span(r);
        a.any_file = get_bool(r);
        a.where = fl_br_span(r);
        a.checks = fl_xstrdup(fl_br_s(r));
        fl_vec_push(&rec->allows, a);
    }
    n = fl_br_count(r, 10);
    for (uint32_t i = 0; i < n && !r->bad; i++)
        fl_vec_push(&rec->diags, get_diag(r));
    if (r->bad) {
        replay_free(rec);
        return NULL;
    }
    return rec;
}

void replay_apply(const replay_rec *r, diag_sink *sink, suppress_set *sup)
{
    for (size_t i = 0; i < r->files.len; i++)
        suppress_add_file(sup, r->files.items[i]);
    for (size_t i = 0; i < r->functions.len; i++)
        diag_sink_add_function(sink, r->functions.items[i].extent, r->functions.items[i].name);
    for (size_t i = 0; i < r->allows.len; i++) {
        const rp_allow *a = &r->allows.items[i];
        if (a->name)
            suppress_add_allow_var(sup, a->name, a->extent, a->any_file, a->where, a->checks);
        else
            suppress_add_allow(sup, a->extent, a->where, a->checks);
    }
    for (size_t i = 0; i < r->diags.len; i++)
        diag_sink_add(sink, diag_clone(r->diags.items[i]));
}
