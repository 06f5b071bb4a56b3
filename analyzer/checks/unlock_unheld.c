/* unlock_unheld.c - unlock-unheld (FL0102): a lock is released where it is held on no path:
 * a double unlock, an unlock on the branch where a trylock (or a checked lock) failed, or an
 * unlock of a stack lock never locked; and a condition wait (which unlocks its mutex while it
 * waits) with the mutex held on no path.
 *
 * Reads the per-function locksets of facts/locks.h. A lock reached through a pointer or living
 * in a global may be held by the caller when the function starts (its entry state is unknown),
 * so a function that only unlocks such a lock is a release helper (summarised, see locks.h),
 * not a finding: only unlocks where the lock is *known* not to be held on every path are
 * reported, which needs an earlier unlock or failed lock of it in the same function, or a lock
 * on the function's own stack. Silent for mutexes in units that use recursive, error-checking
 * or robust ones (locks_unit_has_nonplain_mutex): their unlock when unheld returns EPERM, which
 * tests check on purpose; a file-scope mutex the unit shows to be plain is still checked
 * (locks_may_be_nonplain).
 */
#include <string.h>

#include "../diag/diag.h"
#include "../facts/annots.h"
#include "../facts/locks.h"
#include "../facts/threads.h"
#include "registry.h"

#define CHECK_NAME "unlock-unheld"
#define CHECK_CODE "FL0102"

typedef struct uu {
    check_ctx *ctx;
    const lock_unit *u;
    const lock_fn *whole; /* for a pass under one value of the split variable: the function */
    int k;                /* that value (lock_fn.split_view), -1 for the whole function */
    bool *reported;       /* per site */
    uint32_t budget;      /* locks_decider queries left for this function */
} uu;

/* Under value c->k, lock l is taken by this function only under the other value: an acquire
   of it that this value never reaches and the other does. Then the caller does not hold it on
   entry (the function would deadlock on its own acquire), and where this value reaches an
   unlock with the lock not taken here, it is not held at all. */
static const lock_site *taken_by_other_value(const uu *c, const lock_fn *lf, uint32_t l)
{
    const lock_fn *other = c->whole->split_view[1 - c->k];
    for (uint32_t k = lf->site_first[l]; k < lf->site_first[l + 1]; k++) {
        const lock_site *s = &lf->sites[lf->site_list[k]];
        if ((s->op == LOCK_ACQUIRE || s->op == LOCK_ACQUIRE_SHARED) && !s->via_helper &&
            !lf->df->reached[s->block] && other->df->reached[s->block])
            return s;
    }
    return NULL;
}

/* `void put(bool held) { if (!held) lock(&m); ...; unlock(&m); }`: a parameter deciding the
   lock is the caller's word on whether it holds it. With calls of the function in the unit,
   each call is judged where it is made, with the function's effect for the value it passes
   (lock_effect.by_value): `put(true)` made without `m` held is the unlock of an unheld lock. */
static bool callers_decide(const uu *c, const lock_fn *lf)
{
    uint32_t n;
    return lf->split_var->storage == STORAGE_PARAM && locks_calls_of(c->u, lf->fn->index, &n) && n;
}

/* `if (have) lock(&m); ... unlock(&m);`: under the value that skips the lock, the unlock
   releases what nobody took. */
static void report_under_value(uu *c, const lock_fn *lf, const lock_site *s, const lock_site *taken)
{
    const lock_info *li = &lf->locks[s->lock];
    const char *var = lf->split_var->name, *val = locks_split_value(lf, c->k);
    const char *other_val = locks_split_value(lf, 1 - c->k);
    diag *g = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` is unlocked while it is not held when `%s` is %s",
                       li->name, var, val);
    diag_primary(g, s->call->span, "`%s` unlocked here, also when `%s` is %s", li->name, var, val);
    diag_secondary(g, taken->call->span, "`%s` is locked only when `%s` is %s", li->name, var, other_val);
    diag_note(g, "unlocking a mutex the thread does not hold is undefined behaviour (an error-checking mutex "
                 "returns EPERM); another thread's critical section may be broken open");
    diag_help(g, "unlock `%s` under the same condition that locked it, or lock it whatever `%s` is", li->name, var);
    diag_sink_add(c->ctx->sink, g);
}

/* No caller holds anything for main or a thread's start: lock l, which such a function took on
   no path before this point (st), is held by nobody, unless (for main) another function of the
   file returns holding it (a thread that leaves it locked for main to give back). */
static bool start_took_none(const lock_unit *u, const lock_fn *lf, uint32_t l, const fl_word *st)
{
    return !fl_bs_test(st, locks_bit_h(l)) && !fl_bs_test(st, locks_bit_n(l)) &&
           !(ast_func_is_main(lf->fn) && locks_left_held_elsewhere(u, lf, &lf->locks[l]));
}

/* No function of the unit takes the lock at p (not even a helper), and no other unit can: it is
   `static`, or the unit holds main (a program of one file). */
static bool nobody_acquires(const ast_tu *tu, const lock_unit *u, place p)
{
    bool has_main = false;
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        has_main |= ast_func_is_main(tu->funcs[i]);
        const lock_fn *o = locks_unit_fn(u, i);
        uint32_t l = o ? locks_find(o, p) : 0;
        for (uint32_t k = 0; o && l < o->nlocks && k < o->nsites; k++)
            if (o->sites[k].lock == l && o->sites[k].op != LOCK_RELEASE)
                return false;
    }
    return has_main || (p.root->flags & AST_VAR_INTERNAL) || p.root->storage == STORAGE_STATIC_LOCAL;
}

/* An unlock in main of a global lock main took on no path before, or in a thread's start
   function of a global lock no function takes (not a hand-over from the creator): nobody holds
   it. */
static bool main_unlocks_what_nobody_took(const uu *c, const lock_fn *lf, const lock_info *li, const fl_word *st,
                                          uint32_t l)
{
    const ast_var *v = li->where.root;
    if (c->k >= 0 || !v || (v->storage != STORAGE_GLOBAL && v->storage != STORAGE_STATIC_LOCAL) ||
        strchr(li->where.path, '*') || !start_took_none(c->u, lf, l, st))
        return false;
    return ast_func_is_main(lf->fn) || (locks_unit_thread_start(c->u, lf->fn->index) && nobody_acquires(c->ctx->tu, c->u, li->where));
}

/* Nobody holds lock li when lf starts: main (unless a thread leaves it locked for main to give
   back), or a thread's start with a global lock that no other thread hands over to it. */
static bool nobody_holds_at_entry(const uu *c, const lock_fn *lf, const lock_info *li)
{
    if (ast_func_is_main(lf->fn))
        return !locks_left_held_elsewhere(c->u, lf, li);
    const ast_var *v = li->where.root;
    return locks_unit_thread_start(c->u, lf->fn->index) && v &&
           (v->storage == STORAGE_GLOBAL || v->storage == STORAGE_STATIC_LOCAL) && !strchr(li->where.path, '*') &&
           !locks_handed_over_by(c->u, lf, li);
}

static const char *truth(bool v) { return v ? "true" : "false"; }

/* lf's function is called in the file, and no call of it holds any lock there. */
static bool callers_hold_nothing(const uu *c, const lock_fn *lf)
{
    uint32_t n;
    const lock_call_ref *calls = locks_calls_of(c->u, lf->fn->index, &n);
    for (uint32_t k = 0; k < n; k++) {
        const lock_fn *cf = locks_unit_fn(c->u, calls[k].caller);
        if (!cf)
            continue; /* a caller that touches no lock holds none */
        const cfg_block *b = &cf->g->blocks[calls[k].block];
        uint32_t at = b->nelems;
        for (uint32_t i = 0; i < b->nelems && at == b->nelems; i++)
            if (b->elems[i].node == calls[k].call)
                at = i;
        if (at == b->nelems || !cf->df->reached[b->id])
            return false;
        fl_word *st = fl_arena_alloc(c->ctx->arena, (cf->nwords + 1) * sizeof *st);
        locks_state_at(cf, b->id, at, st);
        for (uint32_t l = 0; l < cf->nlocks; l++) {
            if (!fl_bs_test(st, locks_bit_h(l)) &&
                !(fl_bs_test(st, locks_bit_e(l)) && !nobody_holds_at_entry(c, cf, &cf->locks[l])))
                continue;
            /* held there only by what an earlier call of the function itself left (a loop of
               calls): what it leaves is this check's question, not the caller's lock */
            uint32_t last[4];
            uint32_t nl = locks_last_sites(cf, st, l, last, 4);
            bool own = nl > 0 && nl <= 4 &&
                       (!fl_bs_test(st, locks_bit_e(l)) || nobody_holds_at_entry(c, cf, &cf->locks[l]));
            for (uint32_t i = 0; i < nl && i < 4 && own; i++)
                own = cf->sites[last[i]].via_helper && cf->sites[last[i]].call &&
                      cf->sites[last[i]].call->callee && cf->sites[last[i]].call->callee->def == lf->fn;
            if (!own)
                return false;
        }
    }
    return n > 0;
}

/* `pthread_mutex_trylock(&m); ...; pthread_mutex_unlock(&m);`: the try's status is thrown away
   (or tested, but only to decide something else: `if (rc == ETIMEDOUT) log(...);`), the lock was
   not held before it, and the unlock runs whatever happened: when the try failed (another
   thread holds it), the unlock releases that thread's lock. */
static bool unchecked_try(uu *c, const lock_fn *lf, const lock_site *s, uint32_t site, const fl_word *st)
{
    const lock_info *li = &lf->locks[s->lock];
    uint32_t last[4];
    uint32_t nl = locks_last_sites(lf, st, s->lock, last, 4);
    for (uint32_t i = 0; i < nl && i < 4; i++) {
        const lock_site *x = &lf->sites[last[i]];
        /* thrown away; or tested (or kept) but the last operation on the lock on every path here,
           both ways the test went (`if (rc != 0) log(...);` and on to the unlock) */
        bool tested = !x->discarded && nl == 1 &&
                      (fl_bs_test(st, locks_bit_u(s->lock)) || fl_bs_test(st, locks_bit_e(s->lock)));
        if ((x->op != LOCK_TRY && x->op != LOCK_TRY_SHARED) || !(x->discarded || tested) || x->via_helper)
            continue;
        fl_word *before = fl_arena_alloc(c->ctx->arena, (lf->nwords + 1) * sizeof *before);
        locks_state_at(lf, x->block, x->elem, before);
        /* a lock a caller may hold: the try fails then, and the unlock gives back the caller's
           lock (a cleanup handler checking that it runs with the lock held does just that); a
           lock through a parameter, or a file-scope one, of a function whose calls in the file
           hold no lock is not */
        const ast_var *root = li->where.root;
        bool named = root && (root->storage == STORAGE_PARAM ||
                              ((root->storage == STORAGE_GLOBAL || root->storage == STORAGE_STATIC_LOCAL) &&
                               !strchr(li->where.path, '*')));
        if (fl_bs_test(before, locks_bit_h(s->lock)) || fl_bs_test(before, locks_bit_n(s->lock)) ||
            (fl_bs_test(before, locks_bit_e(s->lock)) && !nobody_holds_at_entry(c, lf, li) &&
             !(tested && named && callers_hold_nothing(c, lf))))
            return false;
        diag *g = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME,
                           tested ? "`%s` may be unlocked while it is not held: the code goes on to the unlock when "
                                    "`%s` fails"
                                  : "`%s` may be unlocked while it is not held: the result of `%s` is not checked",
                           li->name, x->api);
        diag_primary(g, s->call->span, "`%s` unlocked here whether or not `%s` took it", li->name, x->api);
        if (tested)
            diag_secondary(g, x->call->span, "this may %s (another thread holds `%s`), and both ways its result "
                                             "goes reach the unlock",
                           strstr(x->api, "timed") ? "time out" : "fail", li->name);
        else
            diag_secondary(g, x->call->span,
                           "this may fail (another thread holds `%s`), and its result is thrown away", li->name);
        diag_note(g, "unlocking a mutex the thread does not hold is undefined behaviour (an error-checking mutex "
                     "returns EPERM); here it would release the lock of the thread that holds it");
        diag_help(g, "test the result, and touch the data and unlock only when it took the lock: `if (%s(...) == %s) "
                     "{ ... }`", x->api, strncmp(x->api, "mtx_", 4) == 0 ? "thrd_success" : "0");
        c->reported[site] = true;
        diag_sink_add(c->ctx->sink, g);
        return true;
    }
    return false;
}

/* lf's function is annotated EXCLUDES(li): its callers do not hold li. */
static bool excluded_by(const uu *c, const lock_fn *lf, const lock_info *li)
{
    const ast_func *fn = lf->fn;
    if (!fn->self || !an_has(fn->self->annots, AN_EXCLUDES))
        return false;
    an_list al = an_parse(c->ctx->arena, fn->self->annots);
    for (uint32_t i = 0; i < al.n; i++)
        for (uint32_t k = 0; al.items[i].kind == AN_EXCLUDES && k < al.items[i].nargs; k++) {
            lock_effect e;
            if (!locks_parse_fn_annot_arg(c->ctx->arena, c->ctx->tu, al.items[i].args[k], fn, &e))
                continue;
            const ast_var *r = e.param >= 0 && (uint32_t)e.param < fn->nparams ? fn->params[e.param] : e.global;
            if (r == li->where.root && strcmp(e.path ? e.path : "", li->where.path) == 0)
                return true;
        }
    return false;
}

static bool takes_it_from_entry(const uu *c, const lock_fn *lf, uint32_t l)
{
    return locks_waits_from_entry(lf, l, fl_arena_alloc(c->ctx->arena, (lf->nwords + 1) * sizeof(fl_word)));
}

/* `if (id < 0) goto fail; ... lock(&m); ... fail: unlock(&m);` with more than one way in: lock
   l is as the caller left it on some path to the unlock s (state st), and no caller holds it
   (the function waits for it itself, takes_it_from_entry). Reported with the first jump, in
   source order, that leaves for it with the lock untouched. */
static bool jumped_over(uu *c, const lock_fn *lf, const lock_site *s, const fl_word *st)
{
    uint32_t l = s->lock;
    if (!fl_bs_test(st, locks_bit_e(l)) || !s->call->callee || !c->budget)
        return false;
    c->budget--; /* a walk of the function, as a decider query */
    if (!takes_it_from_entry(c, lf, l))
        return false;
    const cfg *g = lf->g;
    fl_word *out = fl_arena_alloc(c->ctx->arena, (lf->nwords + 1) * sizeof *out);
    const ast_node *jump = NULL;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const ast_node *t = g->blocks[bi].term;
        if (!t || t->kind != AST_GOTO || !lf->df->reached[bi] || (jump && t->span.begin >= jump->span.begin))
            continue;
        locks_state_out(lf, bi, out);
        if (fl_bs_test(out, locks_bit_e(l)) && !fl_bs_test(out, locks_bit_h(l)))
            jump = t;
    }
    if (!jump)
        return false;
    const lock_info *li = &lf->locks[l];
    uint32_t taken = lf->nsites;
    for (uint32_t k = lf->site_first[l]; k < lf->site_first[l + 1] && taken == lf->nsites; k++)
        if (lf->sites[lf->site_list[k]].op == LOCK_ACQUIRE)
            taken = lf->site_list[k];
    diag *g2 = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` is unlocked on a path that never locked it", li->name);
    diag_primary(g2, s->call->span, "`%s` unlocked here, also on the way from the jump that skips the lock", li->name);
    diag_secondary(g2, jump->span, "this jump leaves before `%s` is locked", li->name);
    if (taken < lf->nsites)
        diag_secondary(g2, lf->sites[taken].call->span, "`%s` is locked only here", li->name);
    diag_note(g2, "`%s` waits for `%s` itself, so no caller holds it when calling", lf->fn->name, li->name);
    diag_note(g2, "unlocking a mutex the thread does not hold is undefined behaviour (an error-checking mutex "
                  "returns EPERM); another thread's critical section may be broken open");
    diag_help(g2, "jump past the unlock from before the lock (a second label), or unlock only where `%s` was "
                  "locked", li->name);
    diag_sink_add(c->ctx->sink, g2);
    return true;
}

/* `if (empty) { unlock(&s->lock); goto err; } ... err: unlock(&s->lock);`: a jump that leaves
   with the lock surely given back (the function's own unlock on every path to it) for a label
   from which the unlock s follows with nothing in between. Reported with the first such jump in
   source order. */
static bool unlocked_then_jumped(uu *c, const lock_fn *lf, const lock_site *s)
{
    uint32_t l = s->lock;
    const cfg *g = lf->g;
    fl_word *out = fl_arena_alloc(c->ctx->arena, (lf->nwords + 1) * sizeof *out);
    const ast_node *jump = NULL;
    uint32_t prior = lf->nsites;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const ast_node *t = g->blocks[bi].term;
        if (!t || t->kind != AST_GOTO || !lf->df->reached[bi] || g->blocks[bi].nsuccs != 1 ||
            (jump && t->span.begin >= jump->span.begin))
            continue;
        locks_state_out(lf, bi, out);
        if (!locks_must_unheld(out, l))
            continue;
        uint32_t b = g->blocks[bi].succs[0];
        for (int steps = 0; steps < 16; steps++) {
            if (b == s->block) {
                uint32_t last[1];
                if (!locks_block_has_op(lf, b, l, s->elem) && locks_last_sites(lf, out, l, last, 1)) {
                    jump = t;
                    prior = last[0];
                }
                break;
            }
            if (locks_block_has_op(lf, b, l, UINT32_MAX) || g->blocks[b].nsuccs != 1)
                break;
            b = g->blocks[b].succs[0];
        }
    }
    if (!jump)
        return false;
    const lock_info *li = &lf->locks[l];
    diag *g2 = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` is unlocked twice on the way through this jump",
                        li->name);
    diag_primary(g2, s->call->span, "`%s` unlocked here again", li->name);
    diag_secondary(g2, lf->sites[prior].call->span, "`%s` is unlocked here first ...", li->name);
    diag_secondary(g2, jump->span, "... then this jump comes to the second unlock");
    diag_note(g2, "unlocking a mutex the thread does not hold is undefined behaviour (an error-checking mutex "
                  "returns EPERM); another thread's critical section may be broken open");
    diag_help(g2, "jump to a label past the unlock, or leave the unlock to the label");
    diag_sink_add(c->ctx->sink, g2);
    return true;
}

/* Does e name no variable but v (literals, enum constants, sizeof), and call nothing? */
static bool names_only(const ast_node *e, const ast_var *v)
{
    const ast_node *stack[64];
    uint32_t n = 0;
    stack[n++] = e;
    while (n) {
        const ast_node *x = stack[--n];
        if (!x)
            continue;
        if ((x->kind == AST_REF && x->var && x->var != v) || x->kind == AST_CALL || x->kind == AST_OTHER ||
            x->kind == AST_STMT_EXPR)
            return false;
        for (uint16_t k = 0; k < x->nkids; k++) {
            if (n == 64)
                return false;
            stack[n++] = x->kids[k];
        }
    }
    return true;
}

/* Is unlock s under no condition but the test of a `for` loop that counts through constants
   (`for (int i = N - 1; i >= 0; i--) unlock(&t[i].mu);`), whatever the function did before? */
static bool in_constant_count_loop(const lock_fn *lf, const lock_site *s)
{
    const ast_node *loop = lf->g->blocks[s->block].loop;
    const ast_node *cond = locks_site_condition(lf, s);
    if (!loop || loop->kind != AST_FOR || loop->nkids != 4 || !loop->kids[0] || !loop->kids[1] ||
        cond != loop->kids[1])
        return false;
    const ast_node *init = loop->kids[0];
    if (init->kind == AST_DECL_STMT && init->nkids == 1 && init->kids[0])
        init = init->kids[0]; /* `int i = N - 1` */
    const ast_var *v = NULL;
    if (init->kind == AST_VAR && init->var)
        v = init->var;
    else if (init->kind == AST_BINARY && init->op == BIN_ASSIGN && init->nkids == 2 && init->kids[0] &&
             ast_strip_parens(init->kids[0])->kind == AST_REF)
        v = ast_strip_parens(init->kids[0])->var;
    return v && names_only(init->kind == AST_VAR ? (init->nkids ? init->kids[0] : NULL) : init->kids[1], v) &&
           names_only(loop->kids[1], v) && names_only(loop->kids[2], v);
}

/* Held on some paths to an unlock that runs whatever the last branches decided, where a branch
   whose condition nothing else tests decides it (locks_decider): `if (rand() % 2) lock(&m);
   unlock(&m);` unlocks `m` unheld when the condition is false, and `lock(&m); if (err)
   unlock(&m); unlock(&m);` unlocks it twice when it is true. */
static void some_paths(uu *c, const lock_fn *lf, const lock_site *s, uint32_t site, const fl_word *st)
{
    const lock_info *li = &lf->locks[s->lock];
    if (!fl_bs_test(st, locks_bit_h(s->lock)) || locks_must_held(st, s->lock) || locks_may_be_nonplain(c->u, li))
        return;
    lock_decider d;
    /* the unlock loop of a lock-them-all loop, which a jump reaches before anything was locked:
       no element is held there, whichever the loop unlocks. An unlock on one arm of a branch
       is judged only where the branch tests again what the lock's branch tested, after a write
       of it on the way (LOCKS_DECIDE_REWRITES: `if (c->shared) unlock(&c->lock);` after
       `c->shared = 1;`). */
    if (li->imprecise || !locks_site_unconditional(lf, s)) {
        if (in_constant_count_loop(lf, s)) {
            jumped_over(c, lf, s, st);
            return;
        }
        if (li->imprecise ||
            !locks_decider(c->ctx->arena, lf, st, s->lock, s->block, LOCKS_DECIDE_REWRITES, &c->budget, &d) ||
            !d.rewrite)
            return;
    } else if (unchecked_try(c, lf, s, site, st))
        return;
    else if (!locks_decider(c->ctx->arena, lf, st, s->lock, s->block, LOCKS_DECIDE_REWRITES, &c->budget, &d)) {
        if (jumped_over(c, lf, s, st) || unlocked_then_jumped(c, lf, s))
            return;
        if (c->ctx->verbose && fl_bs_test(st, locks_bit_u(s->lock))) {
            diag *n = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                               "not reporting: `%s` is held on some paths to this unlock and not on others, and "
                               "no branch that nothing else tests decides which",
                               li->name);
            diag_primary(n, s->call->span, NULL);
            diag_sink_add(c->ctx->sink, n);
        }
        return;
    }
    const lock_site *x = &lf->sites[d.site];
    const ast_node *cond = lf->g->blocks[d.branch].cond;
    bool when = d.arm == 0; /* the value of the condition that takes the arm of x */
    diag *g;
    if (x->op == LOCK_RELEASE) {
        g = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` is unlocked twice when this condition is %s",
                     li->name, truth(when));
        diag_primary(g, s->call->span, "`%s` unlocked here again", li->name);
        diag_secondary(g, cond->span, "when this is %s ...", truth(when));
        diag_secondary(g, x->call->span, "... `%s` is already unlocked here", li->name);
    } else {
        if (d.entry_unknown && !nobody_holds_at_entry(c, lf, li) && !takes_it_from_entry(c, lf, s->lock))
            return;
        g = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` is unlocked while it is not held when this condition "
                     "is %s", li->name, truth(!when));
        diag_primary(g, s->call->span,
                     d.rewrite ? "`%s` unlocked here when the new value passes the test"
                               : "`%s` unlocked here whichever way the branch went",
                     li->name);
        diag_secondary(g, cond->span, "when this is %s, `%s` is not locked", truth(!when), li->name);
        diag_secondary(g, x->call->span, "`%s` is locked only when the condition is %s", li->name, truth(when));
    }
    if (d.rewrite) {
        diag_secondary(g, d.rewrite->span, "this writes what the condition tests, before the unlock's test");
        diag_note(g, "the later test of the condition sees the value written in between, not the one that decided "
                     "the lock: on that path `%s` is unlocked though it was never locked",
                  li->name);
    } else
        diag_note(g, "nothing else in `%s` tests what this condition tests, so both of its values reach the unlock",
                  lf->fn->name);
    diag_note(g, "unlocking a mutex the thread does not hold is undefined behaviour (an error-checking mutex "
                 "returns EPERM); another thread's critical section may be broken open");
    if (x->op == LOCK_RELEASE)
        diag_help(g, "leave the function after the first unlock (`return`, `goto` the end), or unlock `%s` in "
                     "one place only", li->name);
    else if (d.rewrite)
        diag_help(g, "keep the condition's value in a local when locking (`bool locked = ...;`) and test that "
                     "local to unlock");
    else
        diag_help(g, "unlock `%s` under the same condition that locked it, or lock it on both paths", li->name);
    c->reported[site] = true;
    diag_sink_add(c->ctx->sink, g);
}

#define SOME_PATHS 2 /* uu.k of the last pass: the whole function, held on some paths */

static void visit(void *vctx, const lock_fn *lf, const lock_event *ev, const fl_word *st)
{
    uu *c = vctx;
    if (ev->kind != LEV_OP)
        return;
    const lock_site *s = &lf->sites[ev->arg];
    if (s->op != LOCK_RELEASE)
        return;
    const lock_info *li = &lf->locks[s->lock];
    if (li->soft)
        return; /* a semaphore is given back by the thread that did not take it */
    if (c->reported[ev->arg])
        return;
    if (c->k == SOME_PATHS) {
        some_paths(c, lf, s, ev->arg, st);
        return;
    }
    const lock_site *other = NULL;
    if (c->k >= 0 && !locks_must_unheld(st, s->lock) && !fl_bs_test(st, locks_bit_h(s->lock)) &&
        fl_bs_test(st, locks_bit_e(s->lock)) && !li->imprecise && locks_site_unconditional(lf, s))
        other = taken_by_other_value(c, lf, s->lock);
    if (other && callers_decide(c, lf)) {
        if (c->ctx->verbose) {
            diag *n = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME, "not checking this unlock of `%s` in `%s`: its "
                               "calls say by `%s` whether they hold it, and are checked where they are made",
                               li->name, lf->fn->name, lf->split_var->name);
            diag_primary(n, s->call->span, NULL);
            diag_sink_add(c->ctx->sink, n);
        }
        return;
    }
    if (c->k >= 0 && !other && !locks_must_unheld(st, s->lock))
        return;
    bool unheld = locks_must_unheld(st, s->lock) || main_unlocks_what_nobody_took(c, lf, li, st, s->lock);
    /* the caller's state, where EXCLUDES says no caller holds it (a function that waits for it
       on another path is no proof: `pause_threads(PAUSE)` takes it and `pause_threads(RESUME)`
       gives it back; nor is a call through a pointer judged so: pthread_cleanup_push's
       expansion calls its handler, as the unwinding of a cancel does) */
    bool excluded = !unheld && c->k < 0 && !fl_bs_test(st, locks_bit_h(s->lock)) &&
                    fl_bs_test(st, locks_bit_e(s->lock)) && !li->imprecise && s->call->callee &&
                    excluded_by(c, lf, li);
    unheld |= excluded;
    if (!other && (!unheld || li->imprecise))
        return; /* the last pass judges the unlocks held on some paths only */
    if ((s->via_helper || locks_is_mutex_api(s->api)) && locks_may_be_nonplain(c->u, li)) {
        if (c->ctx->verbose) {
            diag *n = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                               "not reporting: this file uses recursive, error-checking or robust mutexes, whose "
                               "unlock by a thread that does not hold them returns EPERM");
            diag_primary(n, s->call->span, NULL);
            diag_sink_add(c->ctx->sink, n);
        }
        return;
    }
    c->reported[ev->arg] = true;
    if (other) {
        report_under_value(c, lf, s, other);
        return;
    }
    uint32_t last[4];
    uint32_t nl = locks_last_sites(lf, st, s->lock, last, 4);
    diag *g = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` is unlocked while it is not held", li->name);
    diag_primary(g, s->call->span, "`%s` unlocked here, but it is not locked on any path to this point", li->name);
    bool any = false;
    for (uint32_t i = 0; i < nl && i < 2; i++) {
        const lock_site *p = &lf->sites[last[i]];
        if (p->call == s->call)
            continue;
        any = true;
        if (p->op == LOCK_RELEASE && p->via_helper)
            diag_secondary(g, p->call->span, "`%s` already unlocked here by `%s`", li->name, p->api);
        else if (p->op == LOCK_RELEASE)
            diag_secondary(g, p->call->span, "`%s` already unlocked here", li->name);
        else if (p->op == LOCK_TRY || p->op == LOCK_TRY_SHARED)
            diag_secondary(g, p->call->span, "`%s` did not lock `%s` on this path", p->api, li->name);
        else
            diag_secondary(g, p->call->span, "`%s` failed on this path: `%s` is not locked", p->api, li->name);
    }
    if (!any && nl)
        diag_note(g, "it was already unlocked here in the previous iteration of the loop");
    if (!nl)
        diag_note(g, "`%s` is never locked in `%s` before this point", li->name, lf->fn->name);
    if (excluded)
        diag_note(g, "`%s` is declared to be called without `%s` held (EXCLUDES)", lf->fn->name, li->name);
    diag_note(g, "unlocking a mutex the thread does not hold is undefined behaviour (an error-checking mutex "
                 "returns EPERM); another thread's critical section may be broken open");
    diag_help(g, "remove this unlock, or make sure `%s` is locked on every path that reaches it", li->name);
    diag_sink_add(c->ctx->sink, g);
}

/* A lock of lf whose object holds the mutex at m: a wrapper the lock functions take as a whole
   (`struct CAPABILITY("mutex") ovs_mutex { pthread_mutex_t m; }`, locked as `q_lock` and waited
   on as `q_lock.m`); lf->nlocks when none. */
static uint32_t enclosing_lock(const lock_fn *lf, place m)
{
    for (uint32_t l = 0; l < lf->nlocks; l++) {
        place w = lf->locks[l].where;
        size_t n = strlen(w.path);
        if (w.root == m.root && strncmp(w.path, m.path, n) == 0 && m.path[n] == '.')
            return l;
    }
    return lf->nlocks;
}

/* pthread_cond_wait(&c, &m) gives `m` up while it waits and takes it back: it needs `m` held. A
   wait where this function holds `m` on no path, in a function nobody holds anything for (main,
   or a thread's start that nothing calls), or after the function released it on every path. */
static void check_cond_waits(check_ctx *ctx, const lock_unit *u, const lock_fn *lf)
{
    if (locks_unit_has_nonplain_mutex(u))
        return; /* an error-checking mutex's wait returns EPERM, which tests check on purpose */
    const cfg *g = ctx->g;
    const ast_func *fn = ctx->fn;
    bool in_main = ast_func_is_main(fn);
    bool start = in_main || locks_unit_thread_start(u, fn->index);
    fl_word *st = lf ? FL_NEW_ARRAY(ctx->arena, fl_word, lf->nwords + 1) : NULL;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        locks_cursor lc = {0};
        bool started = false;
        for (uint32_t i = 0; i < b->nelems; i++) {
            const ast_node *n = b->elems[i].node;
            if (b->elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL || n->nkids < 3 || !thr_is_cond_wait(n->name))
                continue;
            place m = locks_place_of_arg(ctx->arena, g, n->kids[2]);
            if (!m.root || strstr(m.path, "[*]"))
                continue;
            uint32_t l = lf ? locks_find(lf, m) : 0;
            if (lf && l >= lf->nlocks)
                l = enclosing_lock(lf, m);
            bool unheld;
            if (lf && l < lf->nlocks) {
                if (lf->locks[l].imprecise || lf->locks[l].soft)
                    continue;
                if (!started) {
                    locks_cursor_start(&lc, lf, bi, st);
                    started = true;
                }
                locks_cursor_to(&lc, i);
                unheld = locks_must_unheld(lc.st, l) || (start && start_took_none(u, lf, l, lc.st));
            } else {
                unheld = start && !in_main; /* a thread holds nothing when it starts */
                if (in_main && !strchr(m.path, '*') && m.root->storage != STORAGE_PARAM)
                    unheld = true; /* neither does main, of a global it never locks */
            }
            if (!unheld)
                continue;
            const char *mn = place_str(ctx->arena, m);
            diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` waits on a condition with `%s` not held",
                               n->name, mn);
            diag_primary(d, n->span, "`%s` is not locked on any path to this wait", mn);
            diag_note(d, "`%s` unlocks `%s` while it waits and locks it again: without it held, it unlocks a "
                         "mutex the thread does not hold (undefined behaviour), and a signal sent between the test "
                         "of the condition and the wait is lost",
                      n->name, mn);
            diag_help(d, "lock `%s` before testing the condition, and wait in a loop while holding it", mn);
            diag_sink_add(ctx->sink, d);
        }
    }
}

void check_unlock_unheld(check_ctx *ctx)
{
    const lock_unit *u = ctx->fx->locks;
    if (!ctx->fn || !u)
        return;
    const lock_fn *lf = locks_unit_fn(u, ctx->fn->index);
    if (ctx->g)
        check_cond_waits(ctx, u, lf);
    if (!lf)
        return;
    uu c = {ctx, u, lf, -1, fl_arena_zalloc(ctx->arena, (lf->nsites + 1) * sizeof(bool)), LOCKS_DECIDER_BUDGET};
    locks_replay_all(lf, visit, &c);
    for (c.k = 0; c.k < 2 && lf->split_var; c.k++)
        locks_replay_all(lf->split_view[c.k], visit, &c);
    c.k = SOME_PATHS;
    locks_replay_all(lf, visit, &c);
}
