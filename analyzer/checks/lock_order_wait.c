/* lock_order_wait.c - lock-order (FL0104), the wait shape: a thread waits on a condition while it
 * holds a lock other than the condition's mutex, and whoever signals that condition takes that
 * lock first.
 *
 *     waiter:    lock(&a); lock(&m); while (!ready) pthread_cond_wait(&c, &m); ...
 *     signaller: lock(&a); lock(&m); ready = 1; pthread_cond_signal(&c); ...
 *
 * The wait gives `m` back, but not `a`: the signaller blocks on `a`, which the waiter keeps
 * while it waits for the signal that never comes (the nested monitor lockout).
 *
 * Within a unit, by class (a global by its object, a field by its record and name; facts/locks.h):
 * reported when every signal or broadcast of the condition in the unit is made with that lock
 * held on every path, or after waiting for it on every path from its function's entry (`lock(&a);
 * n++; unlock(&a); lock(&m); signal`: one signaller that need not take it may still wake the
 * waiter), there is at least
 * one, and the waiting function itself releases the lock somewhere (else another thread may
 * hand it over). Not when the waiter and every signaller hold it on the read side of an rwlock
 * (readers do not wait for readers). Timed waits give up by themselves; locks and conditions whose class is unknown
 * say nothing.
 */
#include <string.h>

#include "../diag/diag.h"
#include "../facts/locks.h"
#include "../facts/threads.h"
#include "lock_order.h"

#define CHECK_NAME "lock-order"
#define CHECK_CODE "FL0104"

/* Lock l is held (in state st) on the read side of an rwlock only. */
static bool held_shared(const lock_fn *lf, const fl_word *st, uint32_t l)
{
    uint32_t last[4];
    uint32_t n = locks_last_sites(lf, st, l, last, 4);
    bool shared = n > 0;
    for (uint32_t i = 0; i < n && i < 4; i++)
        shared &= lock_op_shared(lf->sites[last[i]].op);
    return shared;
}

/* The class of what argument k of a call points to (`&c`, `&q->cond`), or NULL. */
static const char *arg_class(fl_arena *A, const ast_node *call, uint16_t k)
{
    if (!call || call->nkids <= k)
        return NULL;
    place p = lock_place_of_arg(A, call->kids[k]);
    return p.root ? locks_lock_class(A, p) : NULL;
}

typedef struct signals {
    uint32_t n;               /* signals of the condition in the unit */
    bool exclusive;           /* one of them holds the lock for writing (a mutex, a write side) */
    const ast_node *with;     /* one of them made with the lock held, when all are */
    const ast_func *with_fn;
    bool with_after;          /* ... made after taking it (and maybe giving it back) */
} signals;

/* Every path from the function's entry to state st took lock l, waiting for it: its first
   operation on l is a blocking acquire on every path (no release of the caller's lock, no
   try). The caller may hold it already, which a waiter that holds it blocks as well. */
static bool took_first(const lock_fn *lf, const fl_word *st, uint32_t l, bool *exclusive)
{
    if (fl_bs_test(st, locks_bit_e(l)) || lf->releases_entry[l])
        return false;
    bool any = false;
    for (uint32_t k = lf->site_first[l]; k < lf->site_first[l + 1]; k++) {
        const lock_site *s = &lf->sites[lf->site_list[k]];
        if (s->op == LOCK_RELEASE)
            continue;
        if (!lock_site_blocks(s))
            return false;
        any = true;
        *exclusive |= !lock_op_shared(s->op);
    }
    return any;
}

/* Every signal of condition class ccls in the unit, and whether each is made with a lock of class
   xcls held on every path, or after taking it (took_first). */
static bool all_signal_holding(check_ctx *ctx, const char *ccls, const char *xcls, signals *out)
{
    const lock_unit *u = ctx->fx->locks;
    const ast_tu *tu = ctx->tu;
    fl_arena *A = ctx->arena;
    *out = (signals){0, false, NULL, NULL, false};
    for (uint32_t f = 0; f < tu->nfuncs; f++) {
        const cfg *g = ctx->cfgs[f];
        const lock_fn *lf = locks_unit_fn(u, f);
        if (!g)
            continue;
        fl_word *st = lf ? FL_NEW_ARRAY(A, fl_word, lf->nwords + 1) : NULL;
        for (uint32_t bi = 0; bi < g->nblocks; bi++) {
            const cfg_block *b = &g->blocks[bi];
            locks_cursor lc = {0};
            bool started = false;
            for (uint32_t i = 0; i < b->nelems; i++) {
                const ast_node *n = b->elems[i].node;
                if (b->elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL || !thr_is_cond_signal(n->name))
                    continue;
                const char *c = arg_class(A, n, 1);
                if (!c || strcmp(c, ccls) != 0)
                    continue;
                out->n++;
                if (!lf || !lf->df->reached[bi])
                    return false;
                if (!started) {
                    locks_cursor_start(&lc, lf, bi, st);
                    started = true;
                }
                locks_cursor_to(&lc, i);
                bool held = false, after = false;
                for (uint32_t l = 0; l < lf->nlocks && !held && !after; l++) {
                    if (!lf->locks[l].cls || strcmp(lf->locks[l].cls, xcls) != 0 || lf->locks[l].soft)
                        continue;
                    held = locks_must_held(lc.st, l);
                    if (held)
                        out->exclusive |= !held_shared(lf, lc.st, l);
                    else
                        after = took_first(lf, lc.st, l, &out->exclusive);
                }
                if (!held && !after)
                    return false;
                if (!out->with || (out->with_after && held)) {
                    out->with = n;
                    out->with_fn = tu->funcs[f];
                    out->with_after = after;
                }
            }
        }
    }
    return out->n > 0;
}

static void report(check_ctx *ctx, const lock_fn *lf, const ast_node *wait, uint32_t x, const char *cname,
                   const fl_word *st, const signals *s)
{
    const lock_info *li = &lf->locks[x];
    diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME,
                       "`%s` waits on `%s` while holding `%s`, which the thread that signals it must take first",
                       lf->fn->name, cname, li->name);
    diag_primary(d, wait->span, "waits here with `%s` still held: the wait gives back only its own mutex", li->name);
    uint32_t last[1];
    if (locks_last_sites(lf, st, x, last, 1))
        diag_secondary(d, lf->sites[last[0]].call->span, "`%s` locked here", li->name);
    if (s->with_after)
        diag_note_at(d, s->with->span, "`%s` signals `%s` only after taking `%s`: it waits for `%s` first, and "
                                       "the waiter never gets the signal it waits for",
                     s->with_fn->name, cname, li->name, li->name);
    else
        diag_note_at(d, s->with->span, "`%s` signals `%s` only with `%s` held: it waits for `%s` first, and the "
                                       "waiter never gets the signal it waits for",
                     s->with_fn->name, cname, li->name, li->name);
    diag_help(d, "unlock `%s` before waiting (and take it again after), or signal without it", li->name);
    diag_sink_add(ctx->sink, d);
}

void lock_order_waits(check_ctx *ctx)
{
    const lock_unit *u = ctx->fx->locks;
    const ast_tu *tu = ctx->tu;
    fl_arena *A = ctx->arena;
    for (uint32_t f = 0; f < tu->nfuncs; f++) {
        const lock_fn *lf = locks_unit_fn(u, f);
        const cfg *g = ctx->cfgs[f];
        if (!lf || !g || lf->nlocks < 2 || !tu->funcs[f]->in_main_file)
            continue;
        fl_word *st = FL_NEW_ARRAY(A, fl_word, lf->nwords + 1);
        bool reported = false;
        for (uint32_t bi = 0; bi < g->nblocks && !reported; bi++) {
            const cfg_block *b = &g->blocks[bi];
            if (!lf->df->reached[bi])
                continue;
            locks_cursor lc = {0};
            bool started = false;
            for (uint32_t i = 0; i < b->nelems && !reported; i++) {
                const ast_node *n = b->elems[i].node;
                /* (a timed wait gives up by itself) */
                if (b->elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL || !n->name || n->nkids < 3 ||
                    (strcmp(n->name, "pthread_cond_wait") != 0 && strcmp(n->name, "cnd_wait") != 0))
                    continue;
                const char *ccls = arg_class(A, n, 1);
                place mp = lock_place_of_arg(A, n->kids[2]);
                const char *mcls = mp.root ? locks_lock_class(A, mp) : NULL;
                if (!ccls || !mcls)
                    continue;
                if (!started) {
                    locks_cursor_start(&lc, lf, bi, st);
                    started = true;
                }
                locks_cursor_to(&lc, i);
                for (uint32_t x = 0; x < lf->nlocks && !reported; x++) {
                    const lock_info *li = &lf->locks[x];
                    if (!li->cls || li->soft || li->imprecise || strcmp(li->cls, mcls) == 0 ||
                        !locks_must_held(lc.st, x) || !locks_fn_releases(lf, x))
                        continue;
                    signals s;
                    if (!all_signal_holding(ctx, ccls, li->cls, &s) ||
                        (held_shared(lf, lc.st, x) && !s.exclusive))
                        continue; /* readers on both sides: the signaller's read lock does not wait */
                    place cp = lock_place_of_arg(A, n->kids[1]);
                    report(ctx, lf, n, x, place_str(A, cp), lc.st, &s);
                    reported = true;
                }
            }
        }
    }
}
