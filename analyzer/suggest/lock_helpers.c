/* lock_helpers.c - ACQUIRE / RELEASE / TRY_ACQUIRE for the project's own lock functions (see
 * suggest.h).
 *
 * The lock facts already summarize every function that, on every path, leaves a lock its caller
 * can name (through a parameter, or a global) locked, unlocked, or locked where its result says
 * so (facts/locks.h, layer 3): that summary is the contract, computed. A function whose summary
 * comes from its annotations says it already; hand-made locks (a spinlock over an atomic word)
 * and helpers that lock on some paths only are left out. The lock is named as the function's own
 * code names it, trimmed to the lock object (`m` for the pthread mutex inside a `struct my_mutex
 * *m`). A function defined in a header is proposed once, however many units include it. */
#include "suggest.h"

#include <stdio.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../base/strmap.h"
#include "../diag/diag.h"
#include "../facts/annots.h"
#include "../facts/guards.h"
#include "edits.h"

typedef enum helper_kind { HK_ACQUIRE, HK_ACQUIRE_SHARED, HK_RELEASE, HK_TRY_1, HK_TRY_0, HK_TRY_SHARED_1,
                           HK_TRY_SHARED_0, HK_COUNT } helper_kind;

static int kind_of(const lock_effect *e)
{
    switch (e->op) {
    case LOCK_ACQUIRE: return HK_ACQUIRE;
    case LOCK_ACQUIRE_SHARED: return HK_ACQUIRE_SHARED;
    case LOCK_RELEASE: return HK_RELEASE;
    case LOCK_TRY: return e->success_nonzero ? HK_TRY_1 : HK_TRY_0;
    case LOCK_TRY_SHARED: return e->success_nonzero ? HK_TRY_SHARED_1 : HK_TRY_SHARED_0;
    default: return -1;
    }
}

/* The lock of effect e as fn's code names it, or NULL. */
static const char *lock_text(fl_arena *A, const ast_func *fn, const lock_effect *e)
{
    place p = {NULL, e->path ? e->path : ""};
    if (e->param >= 0 && (uint32_t)e->param < fn->nparams)
        p.root = fn->params[e->param];
    else if (e->param < 0)
        p.root = e->global;
    if (!p.root || !p.root->name)
        return NULL;
    const char *t = place_str(A, gd_outer_lock(A, p));
    return sg_writable(t) ? t : NULL;
}

static void propose(const ast_func *fn, int kind, const char *locks, diag_sink *sink, fl_u32_vec *included)
{
    static const char *const macro[HK_COUNT] = {"ACQUIRE(%s)", "ACQUIRE_SHARED(%s)", "RELEASE(%s)",
                                                "TRY_ACQUIRE(1, %s)", "TRY_ACQUIRE(0, %s)",
                                                "TRY_ACQUIRE_SHARED(1, %s)", "TRY_ACQUIRE_SHARED(0, %s)"};
    char contract[512];
    snprintf(contract, sizeof contract, macro[kind], locks);
    diag *g;
    switch (kind) {
    case HK_ACQUIRE:
    case HK_ACQUIRE_SHARED:
        g = diag_new(LVL_NOTE, NULL, SUGGEST_LOCK_HELPER_CHECK, "`%s` returns holding `%s`%s: annotate it %s",
                     fn->name, locks, kind == HK_ACQUIRE_SHARED ? " for reading" : "", contract);
        diag_primary(g, fn->name_span, "it locks `%s` on every path, and leaves it locked", locks);
        break;
    case HK_RELEASE:
        g = diag_new(LVL_NOTE, NULL, SUGGEST_LOCK_HELPER_CHECK, "`%s` unlocks `%s`, which its callers hold: annotate it %s",
                     fn->name, locks, contract);
        diag_primary(g, fn->name_span, "it unlocks `%s` on every path", locks);
        break;
    default:
        g = diag_new(LVL_NOTE, NULL, SUGGEST_LOCK_HELPER_CHECK,
                     "`%s` returns holding `%s` when it returns %s: annotate it %s", fn->name, locks,
                     kind == HK_TRY_1 || kind == HK_TRY_SHARED_1 ? "non-zero" : "zero", contract);
        diag_primary(g, fn->name_span, "its result says whether it locked `%s`", locks);
        break;
    }
    diag_note(g, "with it, the checks see the lock %s at its calls in every file, without reading its body",
              kind == HK_RELEASE ? "given back" : "taken");
    sg_contract_edit(g, fn, contract, sink, included);
    diag_sink_add(sink, g);
}

void suggest_lock_helpers(const sg_unit *units, uint32_t n, diag_sink *sink, fl_u32_vec *included)
{
    fl_strmap seen = {0};
    fl_strbuf locks[HK_COUNT] = {{0}};
    for (uint32_t u = 0; u < n; u++) {
        const ast_tu *tu = units[u].tu;
        if (!units[u].locks)
            continue;
        for (uint32_t f = 0; f < tu->nfuncs; f++) {
            const ast_func *fn = tu->funcs[f];
            if (!fn->body || !fn->self || !fn->name || !fl_span_valid(fn->name_span))
                continue;
            const lock_summary *s = locks_summary_of(units[u].locks, fn->self);
            if (!s || s->from_annotations || !s->n)
                continue;
            if (!sg_first_time(&seen, units[u].arena, fn))
                continue;
            for (int k = 0; k < HK_COUNT; k++)
                locks[k].len = 0;
            for (uint32_t i = 0; i < s->n; i++) {
                const lock_effect *e = &s->effects[i];
                int k = kind_of(e);
                const char *t = k >= 0 && !e->soft ? lock_text(units[u].arena, fn, e) : NULL;
                if (t)
                    fl_sb_printf(&locks[k], "%s%s", locks[k].len ? ", " : "", t);
            }
            for (int k = 0; k < HK_COUNT; k++)
                if (locks[k].len)
                    propose(fn, k, fl_sb_str(&locks[k]), sink, included);
        }
    }
    for (int k = 0; k < HK_COUNT; k++)
        fl_sb_free(&locks[k]);
    fl_strmap_free(&seen);
}

/* ---- EXCLUDES: the functions that lock what their caller may hold --------------------------- */

typedef struct excl {
    fl_arena *A;
    const lock_fn *lf;
    fl_strbuf names;
    FL_VEC(uint32_t) seen;     /* locks already named */
    const lock_site *first;    /* the first such acquire, for the label */
} excl;

/* A blocking acquire of a lock the caller can name (a parameter's, a global) while it is still in
   the state it had on entry: a caller holding it would wait for itself there. */
static void excl_visit(void *ctx, const lock_fn *lf, const lock_event *ev, const fl_word *st)
{
    excl *x = ctx;
    if (ev->kind != LEV_OP)
        return;
    const lock_site *s = &lf->sites[ev->arg];
    const lock_info *li = &lf->locks[s->lock];
    if (!lock_site_blocks(s) || li->soft || li->imprecise || li->required || !li->entry_unknown ||
        fl_bs_test(st, locks_bit_h(s->lock)) || !fl_bs_test(st, locks_bit_e(s->lock)))
        return;
    ast_var *r = li->where.root;
    if (!r || !r->name || (r->storage != STORAGE_PARAM && r->storage != STORAGE_GLOBAL && r->storage != STORAGE_STATIC_LOCAL))
        return;
    if (r->storage == STORAGE_STATIC_LOCAL)
        return; /* a function's own static lock: no caller can name it */
    if (r->storage == STORAGE_GLOBAL && (r->flags & AST_VAR_INTERNAL) && r->span.file != lf->fn->span.file)
        return; /* another file's `static` lock (taken through its lock function): not nameable here */
    if (r->storage == STORAGE_PARAM && !(r->ty & TY_POINTER && r->type && r->type->kind == TYPE_POINTER &&
                                         r->type->inner && ast_type_strip(r->type->inner) &&
                                         ast_type_strip(r->type->inner)->kind == TYPE_RECORD))
        return; /* reached through a `void *` the body casts: `f->lock` is no expression */
    for (size_t i = 0; i < x->seen.len; i++)
        if (x->seen.items[i] == s->lock)
            return;
    fl_vec_push(&x->seen, s->lock);
    const char *name = place_str(x->A, gd_outer_lock(x->A, li->where));
    if (!sg_writable(name))
        return;
    fl_sb_printf(&x->names, "%s%s", x->names.len ? ", " : "", name);
    if (!x->first)
        x->first = s;
}

static void propose_excludes(const ast_func *fn, const excl *x, diag_sink *sink, fl_u32_vec *included)
{
    const char *locks = fl_sb_str(&x->names);
    char contract[512];
    snprintf(contract, sizeof contract, "EXCLUDES(%s)", locks);
    diag *g = diag_new(LVL_NOTE, NULL, SUGGEST_EXCLUDES_CHECK, "`%s` locks `%s` itself: annotate it %s", fn->name,
                       locks, contract);
    diag_primary(g, fn->name_span, "its callers must not hold `%s`", locks);
    if (x->first && x->first->call)
        diag_note_at(g, x->first->call->span, "a caller that holds it would wait for itself here");
    diag_note(g, "with it, the checks report a call made with the lock held in any file, not only in this one");
    sg_contract_edit(g, fn, contract, sink, included);
    diag_sink_add(sink, g);
}

void suggest_excludes(const sg_unit *units, uint32_t n, diag_sink *sink, fl_u32_vec *included)
{
    fl_strmap seen = {0};
    excl x = {0};
    for (uint32_t u = 0; u < n; u++) {
        const ast_tu *tu = units[u].tu;
        if (!units[u].locks || locks_unit_has_recursive(units[u].locks))
            continue;
        for (uint32_t f = 0; f < tu->nfuncs; f++) {
            const ast_func *fn = tu->funcs[f];
            const lock_fn *lf = locks_unit_fn(units[u].locks, f);
            if (locks_unit_thread_start(units[u].locks, f))
                continue; /* a thread's start function: nothing calls it with a lock held */
            if (!lf || !fn->body || !fn->name || !fl_span_valid(fn->name_span) ||
                (fn->self && (an_has(fn->self->annots, AN_EXCLUDES) ||
                              an_has(fn->self->annots, AN_NO_THREAD_SAFETY_ANALYSIS))))
                continue;
            const lock_summary *sum = fn->self ? locks_summary_of(units[u].locks, fn->self) : NULL;
            bool lock_function = false;
            for (uint32_t i = 0; sum && i < sum->n && !lock_function; i++)
                lock_function = sum->effects[i].op != LOCK_MAYBE;
            if (lock_function)
                continue; /* its ACQUIRE says already that a held lock is taken again */
            if (!sg_first_time(&seen, units[u].arena, fn))
                continue;
            x.A = units[u].arena;
            x.lf = lf;
            x.names.len = 0;
            x.seen.len = 0;
            x.first = NULL;
            locks_replay_all(lf, excl_visit, &x);
            if (x.names.len)
                propose_excludes(fn, &x, sink, included);
        }
    }
    fl_sb_free(&x.names);
    fl_vec_free(&x.seen);
    fl_strmap_free(&seen);
}
