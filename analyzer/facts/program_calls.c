/* program_calls.c - what each call of a program may enter (see program_impl.h). */
#include "program_impl.h"

#include <stdlib.h>
#include <string.h>

#include "../base/xalloc.h"

/* The functions a call of unit u may enter: its resolved callee; for a call through a pointer,
   the functions stored where the pointer is read from (function pointer slots), else the
   address-taken functions whose type fits (none beyond PG_MAX_TARGETS), as weak edges. Into out. */
static int32_t slot_of_call(build *b, uint32_t u, const acc_call *c);

/* At most this many functions stored in one slot are followed as sure targets; a slot holding
   more is treated like a guess. */
#define PG_MAX_SLOT_TARGETS 32
/* At most this many functions stored in a struct field are sure targets of a call through it:
   with two or more, which one an object holds is not known (libuv's threads each run their own
   event loop, whose handles hold only that thread's callbacks). */
#define PG_FIELD_SLOT_SURE 1

static void call_targets(build *b, uint32_t u, const acc_call *c, fl_u32_vec *out, uint8_t *weak)
{
    *weak = PG_STRONG;
    program *p = b->p;
    out->len = 0;
    const ast_node *n = c->call;
    const ast_callee *callee = c->target ? c->target : n->callee;
    if (callee) {
        int32_t t = pgb_resolve(b, u, callee);
        if (t >= 0) {
            fl_vec_push(out, (uint32_t)t);
            /* the way out of a failed assertion: what it does while the program dies is not
               worth a report */
            const pg_fn *f = &p->fns[t];
            *weak = p->units[f->unit].acc->fns[f->index].dies || c->dies_after ? PG_WEAK_DIES : PG_STRONG;
        }
        return;
    }
    /* the functions stored where the pointer is read from, when any are known */
    int32_t sl = slot_of_call(b, u, c);
    if (sl >= 0 && b->sl.fns[sl].len && b->sl.fns[sl].len <= PG_MAX_SLOT_TARGETS) {
        for (size_t i = 0; i < b->sl.fns[sl].len; i++) {
            uint32_t id = b->sl.fns[sl].items[i];
            const ast_func *fn = pg_func(p, id);
            if (fn->self && acc_fn_compatible(n, fn->self))
                fl_vec_push(out, id);
        }
        /* A field of a struct type holds what every object of that type holds: a table of
           operations with many implementations (a codec's `.code`, a backend's `.send`) says
           which this call may enter, not which it does in this thread. */
        if (out->len > PG_FIELD_SLOT_SURE && c->slot && c->slot[0] == 'f')
            *weak = PG_WEAK_DISPATCH;
        if (out->len)
            return;
    }
    uint32_t nargs = n->nkids ? (uint32_t)n->nkids - 1 : 0;
    const fl_u32_vec *lists[2] = {nargs <= 16 ? &b->by_arity[nargs] : NULL, &b->variadic};
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; lists[l] && i < lists[l]->len; i++) {
            uint32_t id = lists[l]->items[i];
            const ast_func *fn = pg_func(p, id);
            if (fn->self && acc_fn_compatible(n, fn->self)) {
                fl_vec_push(out, id);
                if (out->len > PG_MAX_TARGETS) {
                    out->len = 0; /* too many to guess among */
                    return;
                }
            }
        }
    /* a guess by type alone: the call is seen, but not sure enough to report on */
    *weak = out->len > 0 ? PG_WEAK_GUESS : PG_STRONG;
}

/* The targets of unit u's call k as pgb_build_calls resolved them: *n of them at the result. */
const uint32_t *pgb_targets_of(const build *b, uint32_t u, uint32_t k, uint32_t *n, uint8_t *weak)
{
    uint32_t first = b->tfirst[u][k];
    *n = b->tfirst[u][k + 1] - first;
    *weak = b->tweak[u][k];
    return *n ? b->targets.items + first : NULL; /* no targets at all: items may be NULL */
}

/* ---- function pointer slots ---- */

static uint32_t slot_named(build *b, const char *key)
{
    uint32_t id;
    if (fl_strmap_get(&b->sl.ids, key, &id))
        return id;
    id = b->sl.n++;
    fl_strmap_put(&b->sl.ids, key, id);
    return id;
}

static int32_t param_slot(build *b, uint32_t fn, uint32_t i)
{
    const ast_func *f = pg_func(b->p, fn);
    return pgb_has_body(b->p, fn) && i < f->nparams ? (int32_t)(b->sl.param_base[fn] + i) : -1;
}

static int32_t slot_of_call(build *b, uint32_t u, const acc_call *c)
{
    if (c->slot) {
        uint32_t id;
        return fl_strmap_get(&b->sl.ids, c->slot, &id) ? (int32_t)id : -1;
    }
    return c->slot_param >= 0 ? param_slot(b, pg_id(b->p, u, c->fn), (uint32_t)c->slot_param) : -1;
}

static void add_unique(fl_u32_vec *v, uint32_t x)
{
    for (size_t i = 0; i < v->len; i++)
        if (v->items[i] == x)
            return;
    fl_vec_push(v, x);
}

/* Every slot's functions: the functions stored in it, and those of the slots flowing into it. */
void pgb_build_slots(build *b)
{
    program *p = b->p;
    slots *sl = &b->sl;
    sl->param_base = FL_NEW_ARRAY(b->A, uint32_t, p->nfns + 1);
    for (uint32_t id = 0; id < p->nfns; id++) {
        sl->param_base[id] = sl->n;
        sl->n += pg_func(p, id)->nparams;
    }
    /* the named slots (fields, globals) after the parameters */
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t i = 0; i < a->nflows; i++)
            if (a->flows[i].to)
                slot_named(b, a->flows[i].to);
    }
    sl->fns = fl_xcalloc(sl->n + 1, sizeof *sl->fns);
    sl->succ = fl_xcalloc(sl->n + 1, sizeof *sl->succ);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t i = 0; i < a->nflows; i++) {
            const acc_flow *f = &a->flows[i];
            int32_t to = -1;
            if (f->to)
                to = (int32_t)slot_named(b, f->to);
            else {
                int32_t callee = pgb_resolve(b, u, f->to_callee);
                if (callee >= 0)
                    to = param_slot(b, (uint32_t)callee, f->to_param);
            }
            if (to < 0)
                continue;
            if (f->what) {
                int32_t fn = pgb_resolve(b, u, f->what);
                if (fn >= 0)
                    add_unique(&sl->fns[to], (uint32_t)fn);
            } else if (f->from_param >= 0) {
                int32_t from = param_slot(b, pg_id(p, u, f->fn), (uint32_t)f->from_param);
                if (from >= 0 && from != to)
                    add_unique(&sl->succ[from], (uint32_t)to);
            }
        }
    }
    /* along the flows, to a fixed point */
    fl_u32_vec work = {0};
    for (uint32_t s = 0; s < sl->n; s++)
        if (sl->fns[s].len && sl->succ[s].len)
            fl_vec_push(&work, s);
    while (work.len) {
        uint32_t s = work.items[--work.len];
        for (size_t i = 0; i < sl->succ[s].len; i++) {
            uint32_t t = sl->succ[s].items[i];
            size_t before = sl->fns[t].len;
            for (size_t k = 0; k < sl->fns[s].len && sl->fns[t].len <= PG_MAX_SLOT_TARGETS; k++)
                add_unique(&sl->fns[t], sl->fns[s].items[k]);
            if (sl->fns[t].len != before)
                fl_vec_push(&work, t);
        }
    }
    fl_vec_free(&work);
}

void pgb_free_slots(slots *sl)
{
    for (uint32_t s = 0; s < sl->n && sl->fns; s++) {
        fl_vec_free(&sl->fns[s]);
        fl_vec_free(&sl->succ[s]);
    }
    free(sl->fns);
    free(sl->succ);
    fl_strmap_free(&sl->ids);
}

void pgb_build_calls(build *b)
{
    program *p = b->p;
    /* the address-taken functions, by arity */
    bool *taken = b->taken = FL_NEW_ARRAY(b->A, bool, p->nfns + 1);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t i = 0; i < p->units[u].tu->nfuncs; i++)
            if (a->fns[i].fn && a->fns[i].address_taken)
                taken[pg_id(p, u, i)] = true;
        for (uint32_t i = 0; i < a->ntaken; i++) {
            ast_callee c = {0};
            c.name = a->taken[i];
            int32_t t = pgb_resolve(b, u, &c);
            if (t >= 0)
                taken[t] = true;
        }
    }
    for (uint32_t id = 0; id < p->nfns; id++) {
        if (!taken[id])
            continue;
        const ast_func *fn = pg_func(p, id);
        if (!fn->self)
            continue;
        if (fn->self->variadic)
            fl_vec_push(&b->variadic, id);
        else if (fn->self->nparams <= 16)
            fl_vec_push(&b->by_arity[fn->self->nparams], id);
    }
    fl_u32_vec *lists = fl_xcalloc(p->nfns + 1, sizeof *lists);
    FL_VEC(uint8_t) *weaks = fl_xcalloc(p->nfns + 1, sizeof *weaks);
    FL_VEC(const ast_node *) *sites = fl_xcalloc(p->nfns + 1, sizeof *sites);
    /* where each target was last added (the calls of one function are together): no scan */
    uint32_t *seen_from = fl_xmalloc((p->nfns + 1) * sizeof *seen_from);
    uint32_t *seen_at = fl_xmalloc((p->nfns + 1) * sizeof *seen_at);
    memset(seen_from, 0xff, (p->nfns + 1) * sizeof *seen_from);
    fl_u32_vec targets = {0};
    b->tfirst = FL_NEW_ARRAY(b->A, uint32_t *, p->nunits + 1);
    b->tweak = FL_NEW_ARRAY(b->A, uint8_t *, p->nunits + 1);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        b->tfirst[u] = FL_NEW_ARRAY(b->A, uint32_t, a->ncalls + 1);
        b->tweak[u] = FL_NEW_ARRAY(b->A, uint8_t, a->ncalls + 1);
        for (uint32_t k = 0; k < a->ncalls; k++) {
            const acc_call *c = &a->calls[k];
            uint32_t from = pg_id(p, u, c->fn);
            uint8_t weak;
            call_targets(b, u, c, &targets, &weak);
            b->tfirst[u][k] = (uint32_t)b->targets.len;
            b->tweak[u][k] = weak;
            for (size_t i = 0; i < targets.len; i++)
                fl_vec_push(&b->targets, targets.items[i]);
            for (size_t i = 0; i < targets.len; i++) {
                uint32_t t = targets.items[i];
                if (seen_from[t] != from) {
                    seen_from[t] = from;
                    seen_at[t] = (uint32_t)lists[from].len;
                    fl_vec_push(&lists[from], t);
                    fl_vec_push(&weaks[from], weak);
                    fl_vec_push(&sites[from], c->call);
                } else if (weaks[from].items[seen_at[t]] && !weak) {
                    weaks[from].items[seen_at[t]] = PG_STRONG; /* strong once any call is */
                    sites[from].items[seen_at[t]] = c->call;
                }
                if (t != from)
                    p->called[t] = true;
            }
        }
        b->tfirst[u][a->ncalls] = (uint32_t)b->targets.len;
    }
    for (uint32_t id = 0; id < p->nfns; id++) {
        size_t n = lists[id].len;
        p->ncallees[id] = (uint32_t)n;
        p->callees[id] = n ? fl_arena_memdup(b->A, lists[id].items, n * sizeof(uint32_t)) : NULL;
        p->callee_weak[id] = n ? fl_arena_memdup(b->A, weaks[id].items, n * sizeof(uint8_t)) : NULL;
        p->callee_site[id] = n ? fl_arena_memdup(b->A, sites[id].items, n * sizeof(ast_node *)) : NULL;
        fl_vec_free(&lists[id]);
        fl_vec_free(&weaks[id]);
        fl_vec_free(&sites[id]);
    }
    free(lists);
    free(weaks);
    free(sites);
    free(seen_from);
    free(seen_at);
    fl_vec_free(&targets);
}

/* Everything reachable from `root` through calls (strong ones only with `strong`), into reach
   (iteratively). */
void pgb_mark_callers(const program *p, bool *marked)
{
    uint32_t n = p->nfns;
    /* the callers of each function, as lists */
    uint32_t *first = fl_xcalloc(n + 2, sizeof *first);
    for (uint32_t f = 0; f < n; f++)
        for (uint32_t i = 0; i < p->ncallees[f]; i++)
            first[p->callees[f][i] + 1]++;
    for (uint32_t f = 0; f < n; f++)
        first[f + 1] += first[f];
    uint32_t *callers = fl_xmalloc((first[n] + 1) * sizeof *callers);
    uint32_t *at = fl_xmalloc((n + 1) * sizeof *at);
    memcpy(at, first, (n + 1) * sizeof *at);
    for (uint32_t f = 0; f < n; f++)
        for (uint32_t i = 0; i < p->ncallees[f]; i++)
            callers[at[p->callees[f][i]]++] = f;
    fl_u32_vec work = {0};
    for (uint32_t f = 0; f < n; f++)
        if (marked[f])
            fl_vec_push(&work, f);
    while (work.len) {
        uint32_t g = work.items[--work.len];
        for (uint32_t i = first[g]; i < first[g + 1]; i++)
            if (!marked[callers[i]]) {
                marked[callers[i]] = true;
                fl_vec_push(&work, callers[i]);
            }
    }
    fl_vec_free(&work);
    free(at);
    free(callers);
    free(first);
}

void pgb_reach_from(const program *p, uint32_t root, fl_word *reach, bool strong)
{
    fl_u32_vec stack = {0};
    fl_vec_push(&stack, root);
    fl_bs_set(reach, root);
    while (stack.len) {
        uint32_t f = stack.items[--stack.len];
        for (uint32_t i = 0; i < p->ncallees[f]; i++) {
            uint32_t c = p->callees[f][i];
            if (strong && p->callee_weak[f][i])
                continue;
            if (!fl_bs_test(reach, c)) {
                fl_bs_set(reach, c);
                fl_vec_push(&stack, c);
            }
        }
    }
    fl_vec_free(&stack);
}
