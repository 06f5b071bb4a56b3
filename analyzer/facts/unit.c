/* unit.c - building the facts of a unit in the documented order (see unit.h), and the unit's
 * summary for other units. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "../base/vec.h"
#include "gstable.h"

/* ---- imports ------------------------------------------------------------------------------- */

/* A global named by an imported lock effect, as a variable of this unit: the unit's own
   declaration of an external global of that name when it has one (so that its own locking of
   the global and the helper's compare equal), else a stand-in shared by every import naming the
   same object. */
typedef struct standin {
    const char *name, *file; /* file: NULL for external linkage */
    uint32_t begin;          /* declaration offset, for `static` objects */
    ast_var *var;
} standin;

typedef struct importing {
    fx_unit *fx;
    FL_VEC(standin) standins;
} importing;

static ast_var *import_global(importing *im, const us_lock *l)
{
    const ast_tu *tu = im->fx->tu;
    if (!l->global_file)
        for (uint32_t i = 0; i < tu->nglobals; i++) {
            ast_var *g = tu->globals[i];
            if (g && g->storage == STORAGE_GLOBAL && !(g->flags & AST_VAR_INTERNAL) && g->name &&
                strcmp(g->name, l->global) == 0)
                return g;
        }
    for (size_t i = 0; i < im->standins.len; i++) {
        const standin *s = &im->standins.items[i];
        if (strcmp(s->name, l->global) == 0 && (s->file == NULL) == (l->global_file == NULL) &&
            (!s->file || (strcmp(s->file, l->global_file) == 0 && s->begin == l->global_span.begin)))
            return s->var;
    }
    fl_arena *A = im->fx->arena;
    ast_var *v = FL_NEW(A, ast_var);
    v->name = fl_arena_strdup(A, l->global);
    v->storage = STORAGE_GLOBAL;
    v->flags = l->global_file ? AST_VAR_INTERNAL : 0;
    v->index = UINT32_MAX;
    v->span = l->global_span;
    v->home = l->global_file ? fl_arena_strdup(A, l->global_file) : NULL;
    standin s = {v->name, l->global_file ? fl_arena_strdup(A, l->global_file) : NULL, l->global_span.begin, v};
    fl_vec_push(&im->standins, s);
    return v;
}

static fn_summary *import_summary(fl_arena *A, const us_fn *f)
{
    if (!f->nparams && !f->handle && !f->joins_any)
        return NULL;
    fn_summary *s = FL_NEW(A, fn_summary);
    s->nparams = f->nparams;
    s->param = FL_NEW_ARRAY(A, uint16_t, f->nparams + 1);
    s->handle_path = FL_NEW_ARRAY(A, const char *, f->nparams + 1);
    bool any = f->handle != SUM_HANDLE_NONE || f->joins_any;
    for (uint32_t i = 0; i < f->nparams; i++) {
        s->param[i] = f->param[i];
        s->handle_path[i] = f->handle_path[i] ? fl_arena_strdup(A, f->handle_path[i]) : NULL;
        any |= f->param[i] != 0;
    }
    if (!any)
        return NULL;
    s->handle = (sum_handle)f->handle;
    s->joins_any = f->joins_any;
    s->spawn_api = f->spawn_api ? fl_arena_strdup(A, f->spawn_api) : NULL;
    s->spawn_span = f->spawn_span;
    return s;
}

static lock_summary *import_locks(importing *im, const us_fn *f)
{
    if (!f->nlocks)
        return NULL;
    fl_arena *A = im->fx->arena;
    lock_summary *s = FL_NEW(A, lock_summary);
    s->effects = FL_NEW_ARRAY(A, lock_effect, f->nlocks);
    for (uint32_t i = 0; i < f->nlocks; i++) {
        const us_lock *l = &f->locks[i];
        lock_effect *e = &s->effects[s->n];
        e->op = (lock_op)l->op;
        e->success_nonzero = l->success_nonzero;
        e->soft = l->soft;
        e->tried = l->tried;
        e->waits = l->waits;
        e->param = l->param;
        e->global = l->param < 0 ? import_global(im, l) : NULL;
        e->path = fl_arena_strdup(A, l->path ? l->path : "");
        if (e->param >= 0 || e->global)
            s->n++;
    }
    return s->n ? s : NULL;
}

/* ---- running threads, bottom-up ------------------------------------------------------------- */

/* Callees before callers (iteratively: no recursion in proportion to the call depth), so that a
   function's `starts` is known when its callers are analyzed; a call back into a cycle being
   visited sees `false`. */
static void build_running(fx_unit *fx)
{
    const ast_tu *tu = fx->tu;
    uint32_t nf = tu->nfuncs;
    fx->running = FL_NEW_ARRAY(fx->arena, run_fn *, nf + 1);
    run_ctx rc = {&fx->sums, fx->defined_elsewhere, fx->starts, fx->stable, nf,
                  tu->nglobals};
    uint8_t *state = FL_NEW_ARRAY(fx->arena, uint8_t, nf + 1); /* 0 new, 1 on the stack, 2 done */
    typedef struct frame { uint32_t f, b, e; } frame;
    FL_VEC(frame) stack = {0};
    for (uint32_t root = 0; root < nf; root++) {
        if (!fx->cfgs[root] || state[root])
            continue;
        frame f0 = {root, 0, 0};
        fl_vec_push(&stack, f0);
        state[root] = 1;
        while (stack.len) {
            frame *top = &stack.items[stack.len - 1];
            const cfg *g = fx->cfgs[top->f];
            bool pushed = false;
            while (!pushed && top->b < g->nblocks) {
                const cfg_block *b = &g->blocks[top->b];
                if (top->e >= b->nelems) {
                    top->b++;
                    top->e = 0;
                    continue;
                }
                const ast_node *n = b->elems[top->e++].node;
                const ast_callee *ce = n && n->kind == AST_CALL ? thr_once_routine(n) : NULL;
                if (!ce && n && n->kind == AST_CALL)
                    ce = n->callee;
                const ast_func *d = ce ? ce->def : NULL;
                if (d && d->index < nf && tu->funcs[d->index] == d && fx->cfgs[d->index] && !state[d->index]) {
                    state[d->index] = 1;
                    frame fr = {d->index, 0, 0};
                    fl_vec_push(&stack, fr);
                    pushed = true;
                }
            }
            if (pushed)
                continue;
            uint32_t f = top->f;
            stack.len--;
            fx->running[f] = run_analyze(fx->arena, &rc, fx->cfgs[f]);
            if (fx->running[f] && tu->funcs[f]->self && run_escapes(fx->running[f]))
                fx->starts[tu->funcs[f]->self->index] = true;
            state[f] = 2;
        }
    }
    fl_vec_free(&stack);
}

/* ---- building ------------------------------------------------------------------------------ */

fx_unit *fx_unit_build(ast_tu *tu, cfg *const *cfgs, fl_srcmap *sm, unsigned needs, const fx_importer *imp)
{
    const char *file = fl_srcmap_path(sm, tu->main_file);
    fl_arena *A = fl_arena_new();
    fx_unit *fx = FL_NEW(A, fx_unit);
    fx->tu = tu;
    fx->arena = A;
    fx->cfgs = cfgs;
    fx->sm = sm;

    /* 0. imports */
    uint32_t nc = tu->ncallees;
    fx->defined_elsewhere = FL_NEW_ARRAY(A, bool, nc + 1);
    fx->starts = FL_NEW_ARRAY(A, bool, nc + 1);
    const fn_summary **fimp = NULL;
    const lock_summary **limp = NULL;
    lock_imports li = {0};
    importing im = {fx, {0}};
    if (imp) {
        fimp = FL_NEW_ARRAY(A, const fn_summary *, nc + 1);
        limp = FL_NEW_ARRAY(A, const lock_summary *, nc + 1);
        fx->imports = FL_NEW_ARRAY(A, fx_import, nc + 1);
        for (uint32_t i = 0; i < nc; i++) {
            const ast_callee *c = tu->callees[i];
            if (c->def || c->is_static || !c->name)
                continue;
            const us_fn *f = imp->lookup(imp->ctx, c->name);
            fx->imports[fx->nimports++] = (fx_import){fl_arena_strdup(A, c->name), f ? f->hash : 0};
            if (!f)
                continue;
            fx->defined_elsewhere[i] = true;
            fx->starts[i] = f->starts;
            fimp[i] = import_summary(A, f);
            if (needs & FX_NEED_LOCKS)
                limp[i] = import_locks(&im, f);
            li.nonplain |= f->nonplain;
        }
    }
    fl_vec_free(&im.standins);

    /* 1-5 */
    summary_compute(A, tu, cfgs, fimp, &fx->sums);
    fx->traits = ss_table_new(A, tu->ntypes);
    if (needs & (FX_NEED_LOCKS | FX_NEED_RUNNING))
        fx->stable = gstable_unit(A, tu, cfgs);
    if (needs & FX_NEED_LOCKS) {
        fx->slots = fn_slots_new(A, tu, cfgs);
        li.sums = limp;
        li.stable = fx->stable;
        li.nstable = tu->nglobals;
        fx->locks = locks_unit_build(A, tu, cfgs, sm, &li);
    }
    if (needs & FX_NEED_RUNNING)
        build_running(fx);
    fx->file = file;
    return fx;
}

void fx_unit_build_shared(fx_unit *fx)
{
    if (fx->shared || !fx->running)
        return;
    acc_input in = {fx->tu, fx->cfgs, fx->file, &fx->sums, fx->locks, fx->running, fx->defined_elsewhere, fx->traits};
    fx->shared = acc_unit_build(fx->arena, &in);
}

void fx_unit_free(fx_unit *fx)
{
    if (!fx)
        return;
    fn_slots_free(fx->slots);
    fl_arena_free(fx->arena);
}

bool fx_unit_imports_changed(const fx_unit *fx, const fx_importer *imp)
{
    for (uint32_t i = 0; i < fx->nimports; i++) {
        const us_fn *f = imp->lookup(imp->ctx, fx->imports[i].name);
        if ((f ? f->hash : 0) != fx->imports[i].hash)
            return true;
    }
    return false;
}

/* ---- the unit's summary ---------------------------------------------------------------------- */

static void export_locks(us_unit *u, us_fn *f, const lock_summary *ls, const char *file)
{
    fl_arena *A = u->arena;
    f->locks = FL_NEW_ARRAY(A, us_lock, ls->n);
    for (uint32_t i = 0; i < ls->n; i++) {
        const lock_effect *e = &ls->effects[i];
        us_lock *l = &f->locks[f->nlocks];
        l->op = (uint8_t)e->op;
        l->success_nonzero = e->success_nonzero;
        l->soft = e->soft;
        l->tried = e->tried;
        l->waits = e->waits;
        l->param = e->param;
        l->path = fl_arena_strdup(A, e->path ? e->path : "");
        l->site = e->site ? e->site->span : fl_span_none();
        l->global_span = fl_span_none();
        if (e->param < 0) {
            if (!e->global || !e->global->name)
                continue;
            l->global = fl_arena_strdup(A, e->global->name);
            l->global_span = e->global->span;
            bool internal = (e->global->flags & AST_VAR_INTERNAL) || e->global->storage == STORAGE_STATIC_LOCAL;
            l->global_file = internal ? fl_arena_strdup(A, file) : NULL;
        }
        f->nlocks++;
    }
}

us_unit *fx_unit_export(const fx_unit *fx, const char *file)
{
    us_unit *u = us_new(file);
    fl_arena *A = u->arena;
    const ast_tu *tu = fx->tu;
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        const ast_func *fn = tu->funcs[i];
        if (!fn->in_main_file || fn->is_static || !fn->self || !fx->cfgs[i])
            continue;
        us_fn *f = us_add_fn(u, fn->name);
        f->span = fn->name_span;
        const fn_summary *s = sum_of(&fx->sums, fn->self);
        if (s) {
            f->nparams = s->nparams;
            f->param = fl_arena_memdup(A, s->param, (s->nparams + 1) * sizeof *s->param);
            f->handle_path = FL_NEW_ARRAY(A, const char *, s->nparams + 1);
            for (uint32_t p = 0; p < s->nparams; p++)
                f->handle_path[p] = s->handle_path[p] ? fl_arena_strdup(A, s->handle_path[p]) : NULL;
            f->handle = (uint8_t)s->handle;
            f->joins_any = s->joins_any;
            f->spawn_api = s->spawn_api ? fl_arena_strdup(A, s->spawn_api) : NULL;
            f->spawn_span = s->spawn_span;
        }
        f->nonplain = fx->locks && locks_fn_nonplain(fx->locks, i);
        f->starts = fx->starts[fn->self->index];
        const lock_summary *ls = fx->locks ? locks_summary_of(fx->locks, fn->self) : NULL;
        if (ls && ls->n)
            export_locks(u, f, ls, file);
    }
    us_finish(u);
    return u;
}
