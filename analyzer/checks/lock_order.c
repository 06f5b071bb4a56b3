/* lock_order.c - lock-order (FL0104): two locks taken in opposite orders, `a` then `b` on one
 * path and `b` then `a` on another: two threads running them at once can each hold one and
 * wait for the other forever.
 *
 * Runs on the whole unit (check_ctx.fn == NULL), from the per-function locksets of
 * facts/locks.h: every blocking acquire of a lock `b` made while `a` is held on every path
 * (must-held) records the ordered pair (class of a, class of b) with both sites. Classes name
 * a lock across functions: a global or static by its object, a field by the record type that
 * holds it and the field ("struct account::lock"); locks whose class is unknown (a bare
 * `pthread_mutex_t *`, a lock on the stack) are skipped. A pair seen in both orders is
 * reported once, at the later order. Nesting two locks of the same class (`from->lock` then
 * `to->lock`) is the classic transfer deadlock but also how ordered locking (by address, by id)
 * is written: it is only mentioned under --verbose.
 */
#include <string.h>

#include "../base/vec.h"
#include "../diag/diag.h"
#include "../facts/locks.h"
#include "registry.h"

#define CHECK_NAME "lock-order"
#define CHECK_CODE "FL0104"

typedef struct order_pair {
    const char *held_cls, *taken_cls;
    const char *held_name, *taken_name;
    const lock_site *held_site, *taken_site;
    const lock_fn *lf;
} order_pair;

typedef FL_VEC(order_pair) pair_vec;

typedef struct lo {
    check_ctx *ctx;
    pair_vec pairs;
} lo;

static void visit(void *ctx, const lock_fn *lf, const lock_event *ev, const fl_word *st)
{
    lo *o = ctx;
    if (ev->kind != LEV_OP)
        return;
    const lock_site *s = &lf->sites[ev->arg];
    if (!lock_op_blocks(s->op))
        return;
    const lock_info *b = &lf->locks[s->lock];
    if (!b->cls || b->soft)
        return;
    /* Taking a lock this thread already holds orders nothing: it is a double lock (that
       check's business) or a wait for another thread to hand the lock over. */
    if (locks_must_held(st, s->lock))
        return;
    for (uint32_t l = 0; l < lf->nlocks; l++) {
        const lock_info *a = &lf->locks[l];
        if (l == s->lock || !a->cls || a->soft || !locks_must_held(st, l))
            continue;
        uint32_t last[2];
        if (!locks_last_sites(lf, st, l, last, 2))
            continue; /* held on entry: no site to show */
        bool seen = false;
        for (size_t i = 0; i < o->pairs.len && !seen; i++)
            seen = strcmp(o->pairs.items[i].held_cls, a->cls) == 0 && strcmp(o->pairs.items[i].taken_cls, b->cls) == 0;
        if (seen)
            continue;
        order_pair p = {a->cls, b->cls, a->name, b->name, &lf->sites[last[0]], s, lf};
        fl_vec_push(&o->pairs, p);
    }
}

static void report(lo *o, const order_pair *first, const order_pair *inv)
{
    /* inv takes `x` then `y`; first took `y` then `x` */
    const char *x = inv->held_name, *y = inv->taken_name;
    diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME,
                       "`%s` and `%s` are locked in opposite orders: a potential deadlock", x, y);
    diag_primary(d, inv->taken_site->call->span, "`%s` then `%s` here", x, y);
    diag_secondary(d, inv->held_site->call->span, "`%s` locked here", x);
    diag_secondary(d, first->taken_site->call->span, "`%s` then `%s` here%s%s%s", first->held_name,
                   first->taken_name, first->lf == inv->lf ? "" : " (in `", first->lf == inv->lf ? "" : first->lf->fn->name,
                   first->lf == inv->lf ? "" : "`)");
    diag_note(d, "two threads running these paths at once can deadlock: one holds `%s` and waits for `%s`, the "
                 "other holds `%s` and waits for `%s`",
              x, y, first->held_name, first->taken_name);
    if (strcmp(first->held_name, y) != 0 || strcmp(first->taken_name, x) != 0)
        diag_note(d, "`%s` and `%s` are the same locks as `%s` and `%s` (%s, %s)", first->held_name,
                  first->taken_name, y, x, first->held_cls[0] == '@' ? "the same object" : first->held_cls,
                  first->taken_cls[0] == '@' ? "the same object" : first->taken_cls);
    if (first->held_cls[0] == '@' && first->taken_cls[0] == '@')
        diag_help(d, "always take `%s` before `%s`", first->held_name, first->taken_name);
    else
        diag_help(d, "always take `%s` before `%s` (%s before %s)", first->held_name, first->taken_name,
                  first->held_cls[0] == '@' ? first->held_name : first->held_cls,
                  first->taken_cls[0] == '@' ? first->taken_name : first->taken_cls);
    diag_sink_add(o->ctx->sink, d);
}

static void same_class_note(lo *o, const order_pair *p)
{
    diag *d = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                       "two locks of one kind (`%s`) are nested: `%s` then `%s`", p->held_cls, p->held_name,
                       p->taken_name);
    diag_primary(d, p->taken_site->call->span, "`%s` then `%s` here", p->held_name, p->taken_name);
    diag_secondary(d, p->held_site->call->span, "`%s` locked here", p->held_name);
    diag_note(d, "if two threads run this with the objects swapped, each can hold one lock and wait for the "
                 "other; this is only a note because ordered locking (by address, by id) is written the same way");
    diag_sink_add(o->ctx->sink, d);
}

void check_lock_order(check_ctx *ctx)
{
    const lock_unit *u = ctx->fx->locks;
    if (ctx->fn || !u)
        return;
    lo o = {ctx, {0}};
    const ast_tu *tu = locks_unit_tu(u);
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        const lock_fn *lf = locks_unit_fn(u, i);
        if (!lf || lf->nlocks < 2 || !tu->funcs[i]->in_main_file)
            continue;
        locks_replay_all(lf, visit, &o);
    }
    for (size_t i = 0; i < o.pairs.len; i++) {
        const order_pair *p = &o.pairs.items[i];
        if (strcmp(p->held_cls, p->taken_cls) == 0) {
            if (ctx->verbose)
                same_class_note(&o, p);
            continue;
        }
        for (size_t j = 0; j < i; j++) {
            const order_pair *q = &o.pairs.items[j];
            if (strcmp(q->held_cls, p->taken_cls) == 0 && strcmp(q->taken_cls, p->held_cls) == 0) {
                /* the order written first in the file is the one established; the later one is reported */
                if (q->taken_site->call->span.begin <= p->taken_site->call->span.begin)
                    report(&o, q, p);
                else
                    report(&o, p, q);
                break;
            }
        }
    }
    fl_vec_free(&o.pairs);
}
