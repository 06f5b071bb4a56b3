/* mt_unsafe_call.c - mt-unsafe-call (FL0203): two threads may call C library functions that keep
 * their state in one static object (strtok, localtime, getpwnam; setenv against getenv) at once,
 * with no lock in common.
 *
 * Runs once per program, on the same facts as data-race: each call of such a function
 * (facts/mt_unsafe.h) is an access to the function's state, keyed "c:<state>", a write unless
 * the function only reads it. Which pairs may run at once and which locks each side holds are
 * facts/parallel.h's answers, doubts included; this file picks one pair per state and says why.
 * Code that runs while no other thread exists, or once before the others pass, races with
 * nothing, as for data-race.
 */
#include <string.h>

#include "../diag/diag.h"
#include "../facts/mt_unsafe.h"
#include "../facts/parallel.h"
#include "../facts/program.h"
#include "pair_names.h"
#include "registry.h"

#define CHECK_NAME "mt-unsafe-call"
#define CHECK_CODE "FL0203"

static const char *fname(const program *p, uint32_t id)
{
    return pg_func(p, id)->name;
}

static void report(check_ctx *ctx, pg_lockview *v, const pg_access *x, const pg_access *y, const pg_race *r)
{
    const mt_unsafe_fn *m = mt_unsafe_state(x->loc + 2);
    const char *xt, *yt;
    pair_names(v->p, v->A, v->scratch, &r->pr, y, &xt, &yt);
    /* the primary is a call that changes the state (setenv rather than getenv) */
    if (!x->a->write) {
        const pg_access *t = x;
        x = y, y = t;
        const char *s = xt;
        xt = yt, yt = s;
    }
    diag *g = x->a->name == y->a->name || strcmp(x->a->name, y->a->name) == 0
                  ? diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` may run in two threads at once", x->a->name)
                  : diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "`%s` and `%s` may run in two threads at once",
                             x->a->name, y->a->name);
    if (x->a->node == y->a->node) {
        diag_primary(g, x->a->node->span, "called here by %s and by %s", xt, yt);
    } else {
        diag_primary(g, x->a->node->span, "called here by %s", xt);
        diag_secondary(g, y->a->node->span, "`%s` called here by %s", y->a->name, yt);
    }
    if (r->pr.kind == PG_PAIR_SELF && v->p->threads[r->pr.k].spawn)
        diag_secondary(g, v->p->threads[r->pr.k].spawn->call->kids[0]->span,
                       "more than one thread running `%s` may be started here", fname(v->p, v->p->threads[r->pr.k].fn));
    if (m && strcmp(m->state, "env") == 0)
        diag_note(g, "the environment is one object of the process: `%s` may move or free the strings `getenv` "
                     "is reading, and the C library does not lock it for readers", x->a->name);
    else if (m)
        diag_note(g, "`%s` keeps %s in static storage that every thread of the process shares", x->a->name,
                  m->keeps);
    diag_note(g, r->lx.n || r->ly.n ? "the two calls hold no lock in common" : "neither call holds a lock");
    const mt_unsafe_fn *e[2];
    if (mt_unsafe_lookup(x->a->name, e) && e[0]->instead)
        diag_help(g, "call `%s` instead, which keeps it in storage the caller provides, or make both calls under one mutex",
                  e[0]->instead);
    else
        diag_help(g, "change the environment before the other threads start, or make every call that reads or "
                     "changes it under one mutex");
    diag_sink_add(ctx->sink, g);
}

static void check_state(check_ctx *ctx, pg_lockview *v, uint32_t i, uint32_t j)
{
    const program *p = v->p;
    bool once_only = true;
    for (uint32_t a = i; a < j; a++)
        if (p->accs[a].a->write)
            once_only &= (p->accs[a].region & ACC_ONCE) != 0;
    if (once_only)
        return; /* every change runs once, before the other threads pass the once, or alone */
    const pg_access *maybe = NULL;
    for (uint32_t a = i; a < j; a++)
        for (uint32_t b = i; b < j; b++) {
            const pg_access *x = &p->accs[a], *y = &p->accs[b];
            pg_race r;
            if ((!x->a->write && !y->a->write) || ((x->region | y->region) & ACC_SINGLE) ||
                !pg_race_of(v, x, y, &r))
                continue;
            if (r.doubt == PG_SURE) {
                report(ctx, v, x, y, &r);
                return;
            }
            maybe = maybe ? maybe : x;
        }
    if (maybe && ctx->verbose) {
        diag *g = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                           "not reporting a possible concurrent call of `%s`: the calls hold locks fearless cannot "
                           "compare, barriers or semaphores may order them, or they run at once only through calls "
                           "fearless guessed among function pointers",
                           maybe->a->name);
        diag_primary(g, maybe->a->node->span, NULL);
        diag_sink_add(ctx->sink, g);
    }
}

void check_mt_unsafe_call(check_ctx *ctx)
{
    const program *p = ctx->prog;
    if (!p)
        return; /* everything happens once per program */
    pg_lockview v;
    pg_lockview_init(&v, p, ctx->arena);
    for (uint32_t i = 0; i < p->naccs;) {
        uint32_t j = i;
        while (j < p->naccs && strcmp(p->accs[j].loc, p->accs[i].loc) == 0)
            j++;
        if (strncmp(p->accs[i].loc, "c:", 2) == 0)
            check_state(ctx, &v, i, j);
        i = j;
    }
    pg_lockview_free(&v);
}
