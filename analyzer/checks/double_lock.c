/* double_lock.c - double-lock (FL0101): a thread locks a lock it already holds on every path
 * that reaches the call: a self-deadlock for a non-recursive mutex, a write lock or a spinlock.
 *
 * Reads the per-function locksets of facts/locks.h: at each blocking acquire (trylock does not
 * block, so it is never one), the lock must be held on every path (must-held), and the
 * acquires that hold it ("first locked here") are the last operations on it reaching the call.
 * A read lock taken again under a read lock is allowed (rwlocks admit several readers).
 * An acquire in a loop whose every way round holds the lock, with no unlock between the loop's
 * head and the acquire, locks it again on the second iteration, and so does one `continue` that
 * holds it on every path (a lock not reached through a pointer only: the loop may move the
 * pointer).
 * Under each value of the variable that decides a lock operation and later branches (the split
 * of locks.h: `n = q->len; if (n == 0) unlock(&q->mu); ...; lock(&q->mu);`), a lock held on
 * every path of that value is reported too, naming the value.
 * Silent when the lock is held on some paths only, when the place is an array element with an
 * unknown index (`&t[i].mu` then `&t[j].mu`), in units that mention a recursive mutex kind
 * (PTHREAD_MUTEX_RECURSIVE, mtx_recursive), and, for mutexes, in units that use error-checking
 * or robust ones (locks_unit_has_nonplain_mutex: relocking one returns EDEADLK, which tests
 * check on purpose), except for a file-scope mutex the unit shows to be plain
 * (locks_may_be_recursive, locks_may_be_nonplain: `= PTHREAD_MUTEX_INITIALIZER`, given no
 * attributes), when a branch on the call's status treats success as the failure (the
 * success side only returns or exits: the program expects EDEADLK), and for a global lock that
 * a function no one calls directly (a thread's start routine) unlocks without locking: the
 * other thread hands the lock over. --verbose explains each.
 */
#include <string.h>

#include "../diag/diag.h"
#include "../facts/locks.h"
#include "../facts/threads.h"
#include "../ir/cond.h"
#include "registry.h"

#define CHECK_NAME "double-lock"
#define CHECK_CODE "FL0101"

typedef struct dl {
    check_ctx *ctx;
    const lock_unit *u;
    bool *reported; /* per site: a pass reported it already */
    const lock_fn *whole; /* for a pass under one value of the split variable: the function */
    int k;                /* that value (lock_fn.split_view), -1 for the whole function */
    uint32_t budget;      /* locks_decider queries left for this function */
} dl;

static void note(dl *d, const lock_site *s, const char *fmt, const char *name)
{
    if (!d->ctx->verbose)
        return;
    diag *n = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME, fmt, name);
    diag_primary(n, s->call->span, NULL);
    diag_sink_add(d->ctx->sink, n);
}

/* The program expects this lock call to fail: a branch tests its status and the success side
   only leaves (returns or exits within a few blocks, without touching the lock), as in
   `e = pthread_rwlock_rdlock(&r); if (e == 0) { puts("succeeded"); return 1; }` where the
   lock returns EDEADLK. */
static bool expects_failure(const lock_fn *lf, uint32_t site)
{
    const cfg *g = lf->g;
    for (uint32_t b = 0; b < g->nblocks; b++)
        for (uint32_t t = lf->test_first[b]; t < lf->test_first[b + 1]; t++) {
            const lock_test *lt = &lf->tests[t];
            if (lt->site != site || g->blocks[b].nsuccs != 2)
                continue;
            uint32_t x = g->blocks[b].succs[lt->true_is_success ? 0 : 1];
            bool leaves = false;
            for (int steps = 0; steps < 6; steps++) {
                if (x == g->exit) {
                    leaves = true;
                    break;
                }
                const cfg_block *xb = &g->blocks[x];
                bool touches = false;
                for (uint32_t e = lf->ev_first[x]; e < lf->ev_first[x + 1] && !touches; e++)
                    touches = lf->ev[e].kind == LEV_OP && lf->sites[lf->ev[e].arg].lock == lf->sites[site].lock;
                if (touches || xb->nsuccs > 1)
                    break;
                if (xb->nsuccs == 0) {
                    leaves = true; /* exit(), abort() */
                    break;
                }
                x = xb->succs[0];
            }
            if (leaves)
                return true;
        }
    return false;
}

/* `for (...) { lock(&m); ... }` with no unlock on the way round: the acquire of site s is in a
   loop, every edge that goes round the loop again holds the lock on every path, and no path from
   the loop's head to the acquire releases it. Then the second iteration locks it again. Or one
   way round does (*cont set): a `continue` of this loop where the lock is held on every path,
   with no unlock from it back to the head (`lock(&m); if (skip) continue; ...; unlock(&m);`). */
static bool held_round_the_loop(fl_arena *A, const lock_fn *lf, const lock_site *s, const ast_node **cont)
{
    const cfg *g = lf->g;
    const ast_node *loop = g->blocks[s->block].loop;
    *cont = NULL;
    if (!loop)
        return false;
    /* the head: the loop's first block in reverse postorder */
    uint32_t head = UINT32_MAX;
    for (uint32_t r = 0; r < g->nrpo && head == UINT32_MAX; r++)
        if (g->blocks[g->rpo[r]].loop == loop)
            head = g->rpo[r];
    if (head == UINT32_MAX || !lf->df->reached[head])
        return false;
    /* forward from the head (bit 1: not on from s's block; bit 4: on from it too), backward from
       s's block not on from the head (bit 2); nested loops included */
    uint32_t n = g->nblocks;
    uint8_t *mark = fl_arena_zalloc(A, n + 1);
    uint32_t *stack = fl_arena_alloc(A, (n + 1) * sizeof *stack);
    cfg_mark_reach(g, head, false, s->block, mark, 1, stack, NULL, NULL);
    cfg_mark_reach(g, head, false, UINT32_MAX, mark, 4, stack, NULL, NULL);
    cfg_mark_reach(g, s->block, true, head, mark, 2, stack, NULL, NULL);
    uint32_t elem = UINT32_MAX;
    for (uint32_t e = lf->ev_first[s->block]; e < lf->ev_first[s->block + 1]; e++)
        if (lf->ev[e].kind == LEV_OP && &lf->sites[lf->ev[e].arg] == s)
            elem = lf->ev[e].elem;
    for (uint32_t b = 0; b < n; b++)
        if ((mark[b] & 3) == 3 && locks_block_releases(lf, b, s->lock, b == s->block ? elem : UINT32_MAX))
            return false;
    /* every edge back to the head (from a block the head reaches) holds the lock on every path */
    bool back_edge = false, all_held = true;
    for (uint32_t i = 0; i < g->blocks[head].npreds; i++) {
        uint32_t p = g->blocks[head].preds[i];
        if (!(mark[p] & 4) || !lf->df->reached[p])
            continue;
        all_held &= locks_must_held(df_out(lf->df, p), s->lock);
        back_edge = true;
    }
    if (back_edge && all_held)
        return true;
    /* a `continue` of this loop after the acquire, held on every path, and no unlock from there
       to the head (a for loop's increment) */
    for (uint32_t b = 0; b < n; b++) {
        const cfg_block *k = &g->blocks[b];
        if (!(mark[b] & 4) || k->loop != loop || !k->term || k->term->kind != AST_CONTINUE || !lf->df->reached[b] ||
            !locks_must_held(df_out(lf->df, b), s->lock))
            continue;
        uint8_t *on = fl_arena_zalloc(A, n + 1);
        cfg_mark_reach(g, b, false, head, on, 1, stack, NULL, NULL);
        bool releases = false;
        for (uint32_t q = 0; q < n && !releases; q++)
            releases = on[q] && q != head && q != b && locks_block_releases(lf, q, s->lock, UINT32_MAX);
        if (!releases) {
            *cont = k->term;
            return true;
        }
    }
    return false;
}

/* The variable that indexes the one array element a lock call's argument names (`&locks[i]`,
   `&tab[i].mu`), or NULL. */
static const ast_var *index_var(const ast_node *call)
{
    const ast_node *e = call && call->nkids >= 2 ? call->kids[1] : NULL, *ix = NULL;
    for (int guard = 0; e && guard < 32; guard++) {
        if (e->kind == AST_INDEX && e->nkids == 2) {
            if (ix)
                return NULL; /* two indexes */
            ix = e;
        }
        e = e->nkids ? e->kids[0] : NULL;
    }
    const ast_node *r = ix ? ast_strip_casts(ix->kids[1]) : NULL;
    return r && r->kind == AST_REF ? r->var : NULL;
}

/* Does v keep one value all through the function: a parameter or local never assigned (a
   local's declaration outside any loop), its address never taken? */
static bool keeps_value(const cfg *g, const ast_var *v)
{
    if ((v->flags & AST_VAR_ADDRESS_TAKEN) || (v->storage != STORAGE_PARAM && v->storage != STORAGE_LOCAL))
        return false;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            if (cond_written_var(el) == v || (el->kind == CFG_DECL && el->var == v && g->blocks[bi].loop))
                return false;
        }
    return true;
}

/* The index variable by which every last lock of an array element reaching site s names s's
   element, when it keeps its value (`lock(&locks[i]); ...; lock(&locks[i]);`); else NULL. */
static const ast_var *same_element(const lock_fn *lf, const lock_site *s, const uint32_t *last, uint32_t nl)
{
    const ast_var *v = index_var(s->call);
    if (!v || !nl || nl > 4)
        return NULL;
    for (uint32_t i = 0; i < nl; i++)
        if (lf->sites[last[i]].via_helper || index_var(lf->sites[last[i]].call) != v)
            return NULL;
    return keeps_value(lf->g, v) ? v : NULL;
}

/* `if (c) lock(&m); lock(&m);` or `lock(&m); if (c) unlock(&m); lock(&m);`: held on one value
   of a condition nothing else tests (locks_decider). */
static void report_decided(dl *d, const lock_fn *lf, const lock_site *s, const lock_info *li, const lock_decider *some)
{
    const lock_site *x = &lf->sites[some->site];
    const ast_node *cond = lf->g->blocks[some->branch].cond;
    if (some->tried) {
        /* `if (trylock(&m) == 0) { if (c) { unlock(&m); return; } } lock(&m);` */
        diag *g = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME,
                           "`%s` is locked again while `%s` already holds it when the try succeeds", li->name,
                           lf->fn->name);
        diag_primary(g, s->call->span, "`%s` locked here, also on a path where the try took it", li->name);
        diag_secondary(g, x->call->span, "`%s` taken here when this succeeds", li->name);
        diag_note(g, "from the try's success, a path reaches this lock without unlocking `%s`", li->name);
        diag_note(g, "a thread that locks a lock it already holds waits for itself forever (a self-deadlock), "
                     "unless the mutex was created recursive");
        diag_help(g, "unlock `%s` on every path out of the try's success, or skip the second lock there", li->name);
        diag_sink_add(d->ctx->sink, g);
        return;
    }
    bool release = x->op == LOCK_RELEASE;
    /* the value of the condition on which the lock is still held here */
    const char *when = (some->arm == 0) != release ? "true" : "false";
    diag *g = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` is locked again while `%s` already holds it when "
                       "this condition is %s", li->name, lf->fn->name, when);
    diag_primary(g, s->call->span, "`%s` locked here whichever way the branch went", li->name);
    diag_secondary(g, cond->span, "when this is %s, `%s` stays locked until the second lock", when, li->name);
    if (release)
        diag_secondary(g, x->call->span, "`%s` is unlocked only when the condition is %s", li->name,
                       some->arm == 0 ? "true" : "false");
    else
        diag_secondary(g, x->call->span, "`%s` first locked here when the condition is %s", li->name, when);
    diag_note(g, "nothing else in `%s` tests what this condition tests, so both of its values reach this lock",
              lf->fn->name);
    diag_note(g, "a thread that locks a lock it already holds waits for itself forever (a self-deadlock), "
                 "unless the mutex was created recursive");
    diag_help(g, "lock `%s` under the same condition on both sides, or unlock it on both paths first", li->name);
    diag_sink_add(d->ctx->sink, g);
}

static void visit(void *ctx, const lock_fn *lf, const lock_event *ev, const fl_word *st)
{
    dl *d = ctx;
    if (ev->kind != LEV_OP)
        return;
    const lock_site *s = &lf->sites[ev->arg];
    if (!lock_site_blocks(s))
        return;
    const lock_info *li = &lf->locks[s->lock];
    if (li->soft || d->reported[ev->arg])
        return; /* a hand-made lock (a spinlock spins, a semaphore may count past one), or reported
                   by an earlier pass */
    bool round = false;
    const ast_node *cont = NULL;
    lock_decider some; /* held on some paths, decided by one branch */
    bool decided = false;
    if (!locks_must_held(st, s->lock) && fl_bs_test(st, locks_bit_h(s->lock)) && !li->imprecise &&
        locks_site_unconditional(lf, s) &&
        locks_decider(d->ctx->arena, lf, st, s->lock, s->block, LOCKS_DECIDE_TRIES, &d->budget, &some))
        decided = true;
    if (!locks_must_held(st, s->lock) && !decided) {
        /* one object on every iteration: not reached through a pointer the loop may move
           (hand-over-hand locking down a list) */
        if (fl_bs_test(st, locks_bit_h(s->lock)) && !li->imprecise &&
            (!strchr(li->where.path, '*') || !li->renamed) &&
            !locks_may_be_nonplain(d->u, li))
            round = held_round_the_loop(d->ctx->arena, lf, s, &cont);
        if (!round) {
            if (fl_bs_test(st, locks_bit_h(s->lock)))
                note(d, s, "not reporting a double lock: `%s` is held on some paths to this call only", li->name);
            return;
        }
    }
    uint32_t last[4];
    uint32_t nl = locks_last_sites(lf, st, s->lock, last, 4);
    const ast_var *index = li->imprecise ? same_element(lf, s, last, nl) : NULL;
    if (li->imprecise && !index) {
        note(d, s, "not reporting a double lock: `%s` names an array element whose index may differ", li->name);
        return;
    }
    lock_info named; /* `locks[i]`, by the index both calls use, rather than `locks[_]` */
    const char *any = index ? strstr(li->name, "[_]") : NULL;
    if (any) {
        named = *li;
        named.name = fl_arena_sprintf(d->ctx->arena, "%.*s[%s]%s", (int)(any - li->name), li->name, index->name,
                                      any + 3);
        li = &named;
    }
    bool all_shared = nl > 0, first_exclusive = false;
    for (uint32_t i = 0; i < nl && i < 4; i++) {
        all_shared &= lock_op_shared(lf->sites[last[i]].op);
        first_exclusive |= !lock_op_shared(lf->sites[last[i]].op);
    }
    if (lock_op_shared(s->op) && (all_shared || !first_exclusive))
        return; /* readers under a reader, or held on entry with an unknown side */
    if (locks_may_be_recursive(d->u, li)) {
        note(d, s, "not reporting a double lock of `%s`: this file uses recursive mutexes", li->name);
        return;
    }
    if ((s->via_helper || locks_is_mutex_api(s->api)) && locks_may_be_nonplain(d->u, li)) {
        note(d, s,
             "not reporting a double lock of `%s`: this file uses error-checking or robust mutexes, which "
             "return EDEADLK instead of deadlocking",
             li->name);
        return;
    }
    if (expects_failure(lf, ev->arg)) {
        note(d, s, "not reporting a double lock of `%s`: the program treats success of this call as the failure "
                   "(it expects EDEADLK)", li->name);
        return;
    }
    const char *by = locks_handed_over_by(d->u, lf, li);
    if (by) {
        if (d->ctx->verbose) {
            diag *n = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                               "not reporting a double lock of `%s`: `%s` unlocks it without locking it, handing "
                               "it over from another thread",
                               li->name, by);
            diag_primary(n, s->call->span, NULL);
            diag_sink_add(d->ctx->sink, n);
        }
        return;
    }
    const char *fname = lf->fn->name;
    if (round) {
        if (lock_op_shared(s->op) || locks_handed_over_by(d->u, lf, li))
            return;
        d->reported[ev->arg] = true;
        diag *g = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME,
                           "`%s` is locked again in the next iteration of the loop while `%s` still holds it", li->name,
                           fname);
        if (cont) {
            diag_primary(g, s->call->span, "`%s` locked here again after the `continue`", li->name);
            diag_secondary(g, cont->span, "this `continue` goes round the loop with `%s` still locked", li->name);
            diag_note(g, "the next iteration waits for the lock its own thread holds forever (a self-deadlock)");
            diag_help(g, "unlock `%s` before this `continue`", li->name);
        } else {
            diag_primary(g, s->call->span, "`%s` locked here on every iteration", li->name);
            diag_note(g, "no path from the start of the loop back to here unlocks `%s`: the first iteration "
                         "leaves it locked, and the second waits for itself forever (a self-deadlock)", li->name);
            diag_help(g, "unlock `%s` before the end of each iteration, or lock it once before the loop", li->name);
        }
        diag_sink_add(d->ctx->sink, g);
        return;
    }
    d->reported[ev->arg] = true;
    if (decided) {
        report_decided(d, lf, s, li, &some);
        return;
    }
    diag *g = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` is locked again while `%s` already holds it",
                       li->name, fname);
    if (s->via_helper)
        diag_primary(g, s->call->span, "`%s` locked again here by `%s` while already held", li->name, s->api);
    else
        diag_primary(g, s->call->span, "`%s` locked again here while already held", li->name);
    bool any_first = false;
    for (uint32_t i = 0; i < nl && i < 2; i++) {
        const lock_site *f = &lf->sites[last[i]];
        if (f->call == s->call)
            continue; /* the same call in an earlier iteration of a loop */
        any_first = true;
        if (f->via_helper)
            diag_secondary(g, f->call->span, "first locked here by `%s`", f->api);
        else
            diag_secondary(g, f->call->span, "first locked here");
    }
    if (!any_first && nl)
        diag_note(g, "the lock taken here in the previous iteration of the loop is still held");
    if (d->k >= 0)
        diag_note(g, "when `%s` is %s, the branches on `%s` before this call leave `%s` locked",
                  d->whole->split_var->name, locks_split_value(d->whole, d->k), d->whole->split_var->name, li->name);
    if (!nl && li->required)
        diag_note_at(g, lf->fn->name_span, "`%s` is declared to be called with `%s` held", fname, li->name);
    diag_note(g, "a thread that locks a lock it already holds waits for itself forever (a self-deadlock), "
                 "unless the mutex was created recursive");
    diag_help(g, "unlock `%s` before locking it again, or drop this lock: `%s` is already held here", li->name,
              li->name);
    diag_sink_add(d->ctx->sink, g);
}

/* A call takes (t) lock li, held at the call by the acquires `last`: no self-deadlock when both
   are read locks, the mutex may be recursive or not plain, or another thread hands it over. */
static bool take_excused(dl *d, const lock_fn *lf, const lock_info *li, const lock_take *t, const uint32_t *last,
                         uint32_t nl)
{
    bool held_shared = nl > 0;
    for (uint32_t q = 0; q < nl; q++)
        held_shared &= lock_op_shared(lf->sites[last[q]].op);
    if (lock_op_shared(t->site->op) && held_shared)
        return true; /* a reader inside a reader */
    return locks_may_be_recursive(d->u, li) || (locks_is_mutex_api(t->site->api) && locks_may_be_nonplain(d->u, li)) ||
           locks_handed_over_by(d->u, lf, li);
}

/* The notes of a double lock made inside a call: where the callee (called `callee_name`,
   defined as `callee`) or a function it calls takes the lock again, and why that deadlocks. */
static void note_taken_again(diag *g, const lock_take *t, const ast_func *callee, const char *callee_name)
{
    if (t->lf->fn == callee)
        diag_note_at(g, t->site->call->span, "`%s` locks it here", callee_name);
    else
        diag_note_at(g, t->site->call->span, "`%s` locks it here, and `%s` calls it", t->lf->fn->name, callee_name);
    diag_note(g, "a thread that locks a lock it already holds waits for itself forever (a self-deadlock), "
                 "unless the mutex was created recursive");
}

typedef struct dl_calls {
    dl *d;
    const lock_fn *lf;
} dl_calls;

/* A call to a function of the unit that locks, itself or deeper, a lock held here. */
static void check_call(void *ctx, const ast_node *call, const lock_take *t, uint32_t n, const locks_cursor *c)
{
    dl *d = ((dl_calls *)ctx)->d;
    const lock_fn *lf = ((dl_calls *)ctx)->lf;
    const ast_func *callee = locks_call_target(d->u, call);
    for (uint32_t k = 0; k < n; k++) {
        if (!t[k].where.root)
            continue;
        uint32_t l = locks_find(lf, t[k].where);
        if (l == lf->nlocks || lf->locks[l].soft || lf->locks[l].imprecise || !locks_must_held(c->st, l))
            continue;
        const lock_info *li = &lf->locks[l];
        uint32_t last[4];
        uint32_t nl = locks_cursor_last_sites(c, l, last, 4);
        if (take_excused(d, lf, li, &t[k], last, nl))
            continue;
        const char *fname = lf->fn->name;
        diag *g = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` is locked again while `%s` already holds it",
                           li->name, fname);
        diag_primary(g, call->span, "`%s` locks `%s` again, while it is held here", callee->name, li->name);
        for (uint32_t q = 0; q < nl && q < 2; q++)
            diag_secondary(g, lf->sites[last[q]].call->span, "first locked here");
        note_taken_again(g, &t[k], callee, callee->name);
        diag_help(g, "unlock `%s` before calling `%s`, or split `%s` so that a caller holding `%s` does not lock it "
                     "again",
                  li->name, callee->name, callee->name, li->name);
        diag_sink_add(d->ctx->sink, g);
        return; /* one finding per call */
    }
}

/* The parameter of fn that the callee expression of an indirect call is (`fn(item, ctx)` in
   `foreach(void (*fn)(...), ...)`), or -1. */
static int32_t called_param(const ast_func *fn, const ast_node *call)
{
    if (call->callee || call->nkids < 1)
        return -1;
    const ast_node *e = ast_strip_casts(call->kids[0]);
    if (e && e->kind == AST_UNARY && e->op == UN_DEREF && e->nkids == 1)
        e = ast_strip_casts(e->kids[0]);
    return e && e->kind == AST_REF ? ast_func_param_index(fn, e->var) : -1;
}

/* What a callback called through a pointer may be, and where the program put it there. */
typedef struct dl_callback {
    const ast_func *fn;
    const char *name;
    fl_span at;      /* the caller passing it, or the store that put it in the slot */
    const char *via; /* the parameter it is passed as; NULL for a slot */
} dl_callback;

typedef struct dl_cb_walk {
    dl *d;
    const lock_fn *lf;
    fl_word *st;
    locks_cursor c;
    bool at_call;
} dl_cb_walk;

/* Lock t (a global's: `g_bus.lock`) is lock l of lf through a parameter lf's function never
   writes (`b->lock` in `bus_emit(struct bus *b, ...)`), at a call of that function in the unit
   passing the global's address (`bus_emit(&g_bus, i)`): that call, with l; NULL when none. A
   callback taking t there deadlocks on that caller's path. */
static const ast_node *passed_global_lock(dl *d, const lock_fn *lf, place t, uint32_t *l)
{
    const ast_func *fn = lf->fn;
    for (uint32_t k = 0; k < lf->nlocks; k++) {
        place w = lf->locks[k].where;
        int32_t pi = w.root ? ast_func_param_index(fn, w.root) : -1;
        if (pi < 0 || w.path[0] != '*' || strcmp(w.path + 1, t.path) != 0 || lf->locks[k].soft ||
            lf->locks[k].imprecise || !locks_param_fixed(lf, w.root))
            continue;
        uint32_t nc;
        const lock_call_ref *calls = locks_calls_of(d->u, fn->index, &nc);
        for (uint32_t c = 0; c < nc; c++) {
            const ast_node *call = calls[c].call;
            const ast_node *a = (uint32_t)pi + 1 < call->nkids ? ast_strip_casts(call->kids[pi + 1]) : NULL;
            const ast_node *o = a && a->kind == AST_UNARY && a->op == UN_ADDR_OF && a->nkids == 1
                                    ? ast_strip_parens(a->kids[0])
                                    : NULL;
            if (o && o->kind == AST_REF && o->var == t.root) {
                *l = k;
                return call;
            }
        }
    }
    return NULL;
}

/* Element i of block bi, an indirect call, may call cb: report when cb takes, itself or deeper,
   a global lock held here on every path (or the lock a caller of the unit passes as a global's,
   passed_global_lock). True when it reported. */
static bool callback_relocks(dl_cb_walk *w, uint32_t bi, uint32_t i, const ast_node *n, const dl_callback *cb)
{
    dl *d = w->d;
    const lock_fn *lf = w->lf;
    lock_take t[16];
    uint32_t nt = cb->fn ? locks_fn_takes(d->u, cb->fn->index, t, 16) : 0;
    for (uint32_t q = 0; q < nt; q++) {
        if (!t[q].where.root || t[q].where.root->storage == STORAGE_PARAM || ast_var_is_auto(t[q].where.root))
            continue; /* a lock the callback reaches through its own arguments */
        uint32_t l = locks_find(lf, t[q].where);
        const ast_node *passer = NULL;
        if (l == lf->nlocks)
            passer = passed_global_lock(d, lf, t[q].where, &l);
        if (l == lf->nlocks || lf->locks[l].soft || lf->locks[l].imprecise)
            continue;
        if (!w->at_call) { /* the locks held at the indirect call, once */
            if (!w->st)
                w->st = FL_NEW_ARRAY(d->ctx->arena, fl_word, lf->nwords + 1);
            locks_cursor_start(&w->c, lf, bi, w->st);
            locks_cursor_to(&w->c, i);
            w->at_call = true;
        }
        if (!locks_must_held(w->c.st, l))
            continue;
        const lock_info *li = &lf->locks[l];
        uint32_t last[2];
        uint32_t nl = locks_cursor_last_sites(&w->c, l, last, 2);
        if (take_excused(d, lf, li, &t[q], last, nl))
            continue;
        const char *fname = lf->fn->name;
        const char *what = cb->via ? fl_arena_sprintf(d->ctx->arena, "`%s`", cb->via) : "the callback";
        diag *g2 = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` is locked again while `%s` already holds it",
                            li->name, fname);
        diag_primary(g2, n->span, "`%s` calls `%s` here, which locks `%s` again while it is held", fname, cb->name,
                     li->name);
        for (uint32_t x = 0; x < nl; x++)
            diag_secondary(g2, lf->sites[last[x]].call->span, "first locked here");
        if (cb->via)
            diag_note_at(g2, cb->at, "%s is `%s` at this call", what, cb->name);
        else
            diag_note_at(g2, cb->at, "`%s` is stored here, where `%s` finds the function it calls", cb->name, fname);
        if (passer)
            diag_note_at(g2, passer->span, "`%s` is `%s` when `%s` is called here", li->name,
                         place_str(d->ctx->arena, t[q].where), fname);
        note_taken_again(g2, &t[q], cb->fn, cb->name);
        diag_help(g2, "call %s after unlocking `%s`, or have the callback use a variant of what it calls that "
                      "expects `%s` held",
                  what, li->name, li->name);
        diag_sink_add(d->ctx->sink, g2);
        return true;
    }
    return false;
}

/* A call through a function pointer made while a global lock is held, to a function of the unit
   that takes that lock: one a caller in the unit passes for the pointer parameter called
   (`registry_foreach(load_one, ...)` calling `fn(...)` under `reg.lock`, and `load_one` calling
   `registry_count()`, which locks `reg.lock`), or one the unit stores where the call reads its
   pointer (facts/fnslots.h: `add_listener(on_tick, ...)` storing into `listeners[n].fn`, called
   as `listeners[i].fn(...)` under `reg_lock`). One finding per indirect call. */
static void check_callbacks(dl *d, const lock_fn *lf)
{
    const cfg *g = lf->g;
    uint32_t ncalls = 0;
    const lock_call_ref *calls = NULL;
    dl_cb_walk w = {d, lf, NULL, {0}, false};
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        if (!lf->df->reached[bi])
            continue;
        const cfg_block *b = &g->blocks[bi];
        for (uint32_t i = 0; i < b->nelems; i++) {
            const ast_node *n = b->elems[i].node;
            if (b->elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL || n->callee)
                continue;
            w.at_call = false;
            int32_t pi = called_param(lf->fn, n);
            if (pi < 0) {
                const fn_slot_target *st;
                uint32_t ns = d->ctx->fx->slots ? fn_slots_targets(d->ctx->fx->slots, n, &st) : 0;
                for (uint32_t k = 0; k < ns; k++) {
                    dl_callback cb = {st[k].fn, st[k].fn->name, st[k].stored, NULL};
                    if (callback_relocks(&w, bi, i, n, &cb))
                        break;
                }
                continue;
            }
            if (!calls && !(calls = locks_calls_of(d->u, lf->fn->index, &ncalls)))
                continue;
            const char *pname = lf->fn->params[pi]->name;
            for (uint32_t k = 0; k < ncalls; k++) {
                const ast_node *cs = calls[k].call;
                const ast_callee *c = (uint32_t)pi + 1 < cs->nkids ? thr_named_fn(cs->kids[1 + pi]) : NULL;
                dl_callback cb = {c ? c->def : NULL, c ? c->name : NULL, cs->span, pname && pname[0] ? pname : NULL};
                if (cb.fn && callback_relocks(&w, bi, i, n, &cb))
                    break;
            }
        }
    }
}

void check_double_lock(check_ctx *ctx)
{
    const lock_unit *u = ctx->fx->locks;
    if (!ctx->fn || !u)
        return;
    const lock_fn *lf = locks_unit_fn(u, ctx->fn->index);
    if (!lf)
        return;
    dl d = {ctx, u, fl_arena_zalloc(ctx->arena, (lf->nsites + 1) * sizeof(bool)), lf, -1, LOCKS_DECIDER_BUDGET};
    locks_replay_all(lf, visit, &d);
    /* under each value of the variable that decides a lock operation and later branches
       (`locked = trylock(...) == 0; ... if (!locked) lock(&m);`): held there on every path */
    for (d.k = 0; d.k < 2 && lf->split_var; d.k++)
        locks_replay_all(lf->split_view[d.k], visit, &d);
    d.k = -1;
    dl_calls dc = {&d, lf};
    locks_each_taking_call(u, lf, check_call, &dc);
    check_callbacks(&d, lf);
}
