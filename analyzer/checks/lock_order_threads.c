/* lock_order_threads.c - lock-order (FL0104): whether the two paths of an inversion can run at
 * once, as far as a unit holding `main` can tell.
 *
 * Two orders deadlock only in two threads that run together. In a program whose `main` is in the
 * unit and starts every thread itself, at spawns that name a function of the unit, the threads
 * are main and one per spawn site; the functions each runs are those it reaches by direct calls.
 * Two spawn sites run together when one may still run (facts/running.h) where the other starts;
 * a site in a loop runs with itself; main is one thread, and runs beside the threads it starts
 * in its own body and in what it calls while one of them may run (not in a set-up function it
 * calls before its first spawn, or a tear-down after joining them all). Anything else (a spawn outside main, a thread function not in the unit, a call
 * through a pointer on the way, a function no thread reaches here) leaves the answer "may".
 */
#include <string.h>

#include "../base/bitset.h"
#include "../base/vec.h"
#include "../facts/access.h"
#include "../facts/running.h"
#include "../facts/unit.h"
#include "lock_order.h"

struct lo_threads {
    const ast_tu *tu;
    const run_fn *main_rf;
    uint32_t nroots;     /* 0: main; 1 + s: the thread of main's spawn s */
    fl_word **reach;     /* per root: the unit's functions it reaches */
    fl_word *main_beside;/* what main reaches through calls made while a thread it started may
                            run (main itself aside): what main runs only before its first spawn,
                            or after joining every thread, runs beside no thread */
    bool known;          /* false: the answer is always "may" */
};

static const ast_func *spawned_fn(const run_spawn *s)
{
    const ast_callee *c = s->starter || !s->tc.func ? NULL : thr_named_fn(s->tc.func);
    return c ? c->def : NULL;
}

/* Add to `reach` the functions that those already in it reach by direct calls, each walked
   once; false when a call on the way goes through a pointer (what it enters is not known here). */
static bool reach_closure(check_ctx *ctx, fl_word *reach)
{
    const ast_tu *tu = ctx->tu;
    FL_VEC(uint32_t) work = {0};
    for (uint32_t f = 0; f < tu->nfuncs; f++)
        if (fl_bs_test(reach, f))
            fl_vec_push(&work, f);
    bool ok = true;
    while (work.len && ok) {
        uint32_t f = work.items[--work.len];
        const cfg *g = ctx->cfgs[f];
        for (uint32_t bi = 0; g && bi < g->nblocks && ok; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems && ok; i++) {
                const ast_node *n = g->blocks[bi].elems[i].node;
                if (g->blocks[bi].elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL)
                    continue;
                if (!n->callee) {
                    ok = acc_direct_call(n);
                    continue;
                }
                const ast_func *d = n->callee->def;
                if (d && d->index < tu->nfuncs && tu->funcs[d->index] == d && !fl_bs_test(reach, d->index)) {
                    fl_bs_set(reach, d->index);
                    fl_vec_push(&work, d->index);
                }
            }
    }
    fl_vec_free(&work);
    return ok;
}

/* The functions root function fn reaches by direct calls (itself included), into reach. */
static bool reach_from(check_ctx *ctx, const ast_func *fn, fl_word *reach)
{
    fl_bs_set(reach, fn->index);
    return reach_closure(ctx, reach);
}

lo_threads *lo_threads_build(check_ctx *ctx)
{
    const ast_tu *tu = ctx->tu;
    lo_threads *t = FL_NEW(ctx->arena, lo_threads);
    t->tu = tu;
    const ast_func *main_fn = NULL;
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        const ast_func *f = tu->funcs[i];
        if (f->in_main_file && f->name && strcmp(f->name, "main") == 0)
            main_fn = f;
    }
    if (!main_fn || !ctx->fx->running)
        return t;
    /* every spawn of the unit is main's */
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        const run_fn *rf = ctx->fx->running[i];
        if (rf && rf->nspawns && tu->funcs[i] != main_fn)
            return t;
    }
    t->main_rf = ctx->fx->running[main_fn->index];
    uint32_t ns = t->main_rf ? t->main_rf->nspawns : 0;
    t->nroots = 1 + ns;
    t->reach = FL_NEW_ARRAY(ctx->arena, fl_word *, t->nroots);
    uint32_t words = fl_bs_words(tu->nfuncs + 1);
    for (uint32_t r = 0; r < t->nroots; r++) {
        const ast_func *root = r ? spawned_fn(&t->main_rf->spawns[r - 1]) : main_fn;
        if (!root || root->index >= tu->nfuncs || tu->funcs[root->index] != root)
            return t;
        t->reach[r] = FL_NEW_ARRAY(ctx->arena, fl_word, words);
        if (!reach_from(ctx, root, t->reach[r]))
            return t;
    }
    /* main's calls made while some thread of it may run (an R bit of its run state), then
       everything they reach, in one walk */
    const run_fn *rf = t->main_rf;
    t->main_beside = FL_NEW_ARRAY(ctx->arena, fl_word, words);
    fl_word *st = FL_NEW_ARRAY(ctx->arena, fl_word, (rf ? rf->nwords : 0) + 1);
    for (uint32_t bi = 0; rf && bi < rf->g->nblocks; bi++) {
        const cfg_block *b = &rf->g->blocks[bi];
        run_replay c;
        bool started = false;
        for (uint32_t i = 0; i < b->nelems; i++) {
            const ast_node *n = b->elems[i].node;
            if (b->elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL || !n->callee || !n->callee->def)
                continue;
            if (!started) {
                run_replay_start(rf, bi, st, &c);
                started = true;
            }
            run_replay_to(&c, i, st);
            bool beside = false;
            for (uint32_t k = 0; k < rf->nspawns && !beside; k++)
                beside = fl_bs_test(st, 2 * k);
            const ast_func *d = n->callee->def;
            if (beside && d->index < tu->nfuncs && tu->funcs[d->index] == d)
                fl_bs_set(t->main_beside, d->index);
        }
    }
    if (!reach_closure(ctx, t->main_beside))
        return t;
    t->known = true;
    return t;
}

/* Spawn a may still run where spawn b starts. */
static bool running_at(check_ctx *ctx, const run_fn *rf, uint32_t a, uint32_t b)
{
    fl_word *st = FL_NEW_ARRAY(ctx->arena, fl_word, rf->nwords + 1);
    run_replay c;
    run_replay_start(rf, rf->spawns[b].block, st, &c);
    run_replay_to(&c, rf->spawns[b].elem, st);
    return fl_bs_test(st, 2 * a);
}

static bool roots_overlap(check_ctx *ctx, const lo_threads *t, uint32_t ra, uint32_t rb)
{
    if (ra == 0 && rb == 0)
        return false; /* main is one thread */
    if (ra == 0 || rb == 0)
        return true;
    const run_fn *rf = t->main_rf;
    if (ra == rb) /* two instances of one spawn site: a loop starts it again */
        return rf->g->blocks[rf->spawns[ra - 1].block].loop != NULL;
    return running_at(ctx, rf, ra - 1, rb - 1) || running_at(ctx, rf, rb - 1, ra - 1);
}

bool lo_threads_main_alone_at(check_ctx *ctx, const lo_threads *t, const ast_func *f, uint32_t block, uint32_t elem)
{
    const run_fn *rf = t->main_rf;
    if (!t->known || !f || !ast_func_is_main(f) || !rf || block >= rf->g->nblocks || rf->g != ctx->cfgs[f->index])
        return false;
    fl_word *st = FL_NEW_ARRAY(ctx->arena, fl_word, rf->nwords + 1);
    run_replay c;
    run_replay_start(rf, block, st, &c);
    run_replay_to(&c, elem, st);
    for (uint32_t k = 0; k < rf->nspawns; k++)
        if (fl_bs_test(st, 2 * k))
            return false;
    return true;
}

/* Main runs f beside its threads: f is main itself, or main calls it (or what leads to it) while
   a thread may run. */
static bool main_runs_beside(const lo_threads *t, const ast_func *f)
{
    return ast_func_is_main(f) || fl_bs_test(t->main_beside, f->index);
}

bool lo_threads_may_overlap(check_ctx *ctx, const lo_threads *t, const ast_func *a, const ast_func *b)
{
    if (!t->known || !a || !b || a->index >= t->tu->nfuncs || b->index >= t->tu->nfuncs)
        return true;
    bool any_a = false, any_b = false;
    for (uint32_t ra = 0; ra < t->nroots; ra++) {
        if (!fl_bs_test(t->reach[ra], a->index))
            continue;
        any_a = true;
        for (uint32_t rb = 0; rb < t->nroots; rb++) {
            if (!fl_bs_test(t->reach[rb], b->index))
                continue;
            any_b = true;
            /* main's part before its first spawn (or after its joins) runs beside nothing */
            if ((ra == 0 && rb != 0 && !main_runs_beside(t, a)) || (rb == 0 && ra != 0 && !main_runs_beside(t, b)))
                continue;
            if (roots_overlap(ctx, t, ra, rb))
                return true;
        }
    }
    return !any_a || !any_b; /* a function no thread here reaches: called from elsewhere */
}
