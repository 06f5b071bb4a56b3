/* double_lock.c - double-lock (FL0101): a thread locks a lock it already holds on every path
 * that reaches the call: a self-deadlock for a non-recursive mutex, a write lock or a spinlock.
 *
 * Reads the per-function locksets of facts/locks.h: at each blocking acquire (trylock does not
 * block, so it is never one), the lock must be held on every path (must-held), and the
 * acquires that hold it ("first locked here") are the last operations on it reaching the call.
 * A read lock taken again under a read lock is allowed (rwlocks admit several readers).
 * Silent when the lock is held on some paths only, when the place is an array element with an
 * unknown index (`&t[i].mu` then `&t[j].mu`), and in units that mention a recursive mutex kind
 * (PTHREAD_MUTEX_RECURSIVE, mtx_recursive): --verbose explains each.
 */
#include <string.h>

#include "../diag/diag.h"
#include "../facts/locks.h"
#include "registry.h"

#define CHECK_NAME "double-lock"
#define CHECK_CODE "FL0101"

typedef struct dl {
    check_ctx *ctx;
    lock_unit *u;
} dl;

static void note(dl *d, const lock_site *s, const char *fmt, const char *name)
{
    if (!d->ctx->verbose)
        return;
    diag *n = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME, fmt, name);
    diag_primary(n, s->call->span, NULL);
    diag_sink_add(d->ctx->sink, n);
}

static void visit(void *ctx, const lock_fn *lf, const lock_event *ev, const fl_word *st)
{
    dl *d = ctx;
    if (ev->kind != LEV_OP)
        return;
    const lock_site *s = &lf->sites[ev->arg];
    if (!lock_op_blocks(s->op))
        return;
    const lock_info *li = &lf->locks[s->lock];
    if (!locks_must_held(st, s->lock)) {
        if (fl_bs_test(st, locks_bit_h(s->lock)))
            note(d, s, "not reporting a double lock: `%s` is held on some paths to this call only", li->name);
        return;
    }
    if (li->imprecise) {
        note(d, s, "not reporting a double lock: `%s` names an array element whose index may differ", li->name);
        return;
    }
    uint32_t last[4];
    uint32_t nl = locks_last_sites(lf, st, s->lock, last, 4);
    bool all_shared = nl > 0, first_exclusive = false;
    for (uint32_t i = 0; i < nl && i < 4; i++) {
        all_shared &= lock_op_shared(lf->sites[last[i]].op);
        first_exclusive |= !lock_op_shared(lf->sites[last[i]].op);
    }
    if (lock_op_shared(s->op) && (all_shared || !first_exclusive))
        return; /* readers under a reader, or held on entry with an unknown side */
    if (locks_unit_has_recursive(d->u)) {
        note(d, s, "not reporting a double lock of `%s`: this file uses recursive mutexes", li->name);
        return;
    }
    const char *fname = lf->fn->name;
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
    if (!nl && li->required)
        diag_note_at(g, lf->fn->name_span, "`%s` is declared to be called with `%s` held", fname, li->name);
    diag_note(g, "a thread that locks a lock it already holds waits for itself forever (a self-deadlock), "
                 "unless the mutex was created recursive");
    diag_help(g, "unlock `%s` before locking it again, or drop this lock: `%s` is already held here", li->name,
              li->name);
    diag_sink_add(d->ctx->sink, g);
}

static lock_tracker tracker;

void check_double_lock(check_ctx *ctx)
{
    lock_unit *u = locks_for_check(&tracker, ctx->arena, ctx->tu, ctx->cfgs, ctx->fn == NULL);
    if (!ctx->fn || !u)
        return;
    const lock_fn *lf = locks_unit_fn(u, ctx->fn->index);
    if (!lf)
        return;
    dl d = {ctx, u};
    for (uint32_t r = 0; r < lf->g->nrpo; r++)
        locks_replay(lf, lf->g->rpo[r], visit, &d);
}
