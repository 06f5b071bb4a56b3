/* program.c - the units of a program put together (see program.h). */
#include "program.h"

#include <stdlib.h>
#include <string.h>

#include "../base/path.h"
#include "../base/xalloc.h"


/* ==== programs of a database ================================================================ */

static bool unit_has_main(const ast_tu *tu)
{
    for (uint32_t i = 0; i < tu->nfuncs; i++)
        if (tu->funcs[i]->in_main_file && strcmp(tu->funcs[i]->name, "main") == 0)
            return true;
    return false;
}

static const char *unit_path(const pg_unit *u)
{
    return u->output ? u->output : u->file;
}

/* The defining units of every name, and the names each unit uses without defining them. */
typedef struct symtab {
    fl_strmap ids;      /* name -> index in defs */
    FL_VEC(fl_u32_vec) defs;
} symtab;

static void sym_define(symtab *t, const char *name, uint32_t unit)
{
    uint32_t k;
    if (!fl_strmap_get(&t->ids, name, &k)) {
        k = (uint32_t)t->defs.len;
        fl_u32_vec v = {0};
        fl_vec_push(&t->defs, v);
        fl_strmap_put(&t->ids, name, k);
    }
    fl_u32_vec *d = &t->defs.items[k];
    if (!d->len || d->items[d->len - 1] != unit)
        fl_vec_push(d, unit);
}

static void sym_build(symtab *t, const pg_unit *units, uint32_t n)
{
    for (uint32_t u = 0; u < n; u++) {
        const ast_tu *tu = units[u].tu;
        for (uint32_t i = 0; i < tu->nfuncs; i++)
            if (tu->funcs[i]->in_main_file && !tu->funcs[i]->is_static)
                sym_define(t, tu->funcs[i]->name, u);
        for (uint32_t i = 0; i < tu->nglobals; i++) {
            const ast_var *g = tu->globals[i];
            if (g && g->storage == STORAGE_GLOBAL && (g->flags & AST_VAR_DEFINED) && !(g->flags & AST_VAR_INTERNAL))
                sym_define(t, g->name, u);
        }
    }
}

static void sym_free(symtab *t)
{
    for (size_t i = 0; i < t->defs.len; i++)
        fl_vec_free(&t->defs.items[i]);
    fl_vec_free(&t->defs);
    fl_strmap_free(&t->ids);
}

/* The unit among the definitions of `name` closest to `near` (by object path), or -1. */
static int32_t sym_pick(const symtab *t, const pg_unit *units, const char *name, uint32_t near)
{
    uint32_t k;
    if (!fl_strmap_get(&t->ids, name, &k))
        return -1;
    const fl_u32_vec *d = &t->defs.items[k];
    int32_t best = -1;
    size_t best_len = 0;
    for (size_t i = 0; i < d->len; i++) {
        size_t len = fl_path_common_prefix(unit_path(&units[near]), unit_path(&units[d->items[i]]));
        if (best < 0 || len > best_len) {
            best = (int32_t)d->items[i];
            best_len = len;
        }
    }
    return best;
}

/* Visit the names unit u uses without defining. */
static void used_names(const ast_tu *tu, void (*visit)(void *ctx, const char *name), void *ctx)
{
    for (uint32_t i = 0; i < tu->ncallees; i++) {
        const ast_callee *c = tu->callees[i];
        if (!c->def && !c->is_static && c->name)
            visit(ctx, c->name);
    }
    for (uint32_t i = 0; i < tu->nglobals; i++) {
        const ast_var *g = tu->globals[i];
        if (g && g->storage == STORAGE_GLOBAL && !(g->flags & (AST_VAR_DEFINED | AST_VAR_INTERNAL)) && g->name)
            visit(ctx, g->name);
    }
}

typedef struct closure {
    const symtab *t;
    const pg_unit *units;
    uint32_t root;
    bool *in;
    fl_u32_vec *queue;
} closure;

static void take_name(void *ctx, const char *name)
{
    closure *c = ctx;
    uint32_t k;
    if (!fl_strmap_get(&c->t->ids, name, &k))
        return;
    const fl_u32_vec *d = &c->t->defs.items[k];
    for (size_t i = 0; i < d->len; i++)
        if (c->in[d->items[i]])
            return; /* the program has a definition already */
    int32_t u = sym_pick(c->t, c->units, name, c->root);
    if (u >= 0 && !c->in[u]) {
        c->in[u] = true;
        fl_vec_push(c->queue, (uint32_t)u);
    }
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static void add_program(pg_partition *out, fl_u32_vec *members)
{
    qsort(members->items, members->len, sizeof *members->items, cmp_u32);
    out->members = fl_xrealloc(out->members, (out->n + 1) * sizeof *out->members);
    out->nmembers = fl_xrealloc(out->nmembers, (out->n + 1) * sizeof *out->nmembers);
    out->members[out->n] = members->items;
    out->nmembers[out->n] = (uint32_t)members->len;
    out->n++;
    *members = (fl_u32_vec){0};
}

void pg_partition_build(const pg_unit *units, uint32_t n, pg_partition *out)
{
    *out = (pg_partition){0};
    symtab t = {0};
    sym_build(&t, units, n);
    bool *covered = fl_xcalloc(n + 1, sizeof *covered);
    bool *in = fl_xcalloc(n + 1, sizeof *in);
    for (uint32_t r = 0; r < n; r++) {
        if (!unit_has_main(units[r].tu))
            continue;
        memset(in, 0, n * sizeof *in);
        fl_u32_vec queue = {0}, members = {0};
        closure c = {&t, units, r, in, &queue};
        in[r] = true;
        fl_vec_push(&queue, r);
        for (size_t q = 0; q < queue.len; q++) {
            uint32_t u = queue.items[q];
            fl_vec_push(&members, u);
            covered[u] = true;
            used_names(units[u].tu, take_name, &c);
        }
        fl_vec_free(&queue);
        add_program(out, &members);
    }
    fl_u32_vec rest = {0};
    for (uint32_t u = 0; u < n; u++)
        if (!covered[u])
            fl_vec_push(&rest, u);
    if (rest.len)
        add_program(out, &rest);
    free(covered);
    free(in);
    sym_free(&t);
}

void pg_partition_free(pg_partition *p)
{
    for (uint32_t i = 0; i < p->n; i++)
        free(p->members[i]);
    free(p->members);
    free(p->nmembers);
    *p = (pg_partition){0};
}

/* ==== one program =========================================================================== */

typedef struct ev_ref {
    uint32_t unit, index; /* units[unit].acc->events[index] */
} ev_ref;

/* Slots of function pointers (facts/access.h's flows): what functions each may hold. */
typedef struct slots {
    fl_strmap ids;              /* "f:"/"g:" key -> slot */
    uint32_t *param_base;       /* per program function: the slot of its parameter 0 */
    uint32_t n;
    fl_u32_vec *fns;               /* per slot: the functions stored there */
    fl_u32_vec *succ;              /* per slot: the slots its functions flow to */
} slots;

typedef struct build {
    program *p;
    fl_arena *A;
    symtab syms;
    slots sl;
    fl_u32_vec by_arity[17];       /* address-taken functions by number of parameters */
    fl_u32_vec variadic;           /* ... and the variadic ones */
    uint32_t nw_fn, nw_ent;
    FL_VEC(ev_ref) *fn_events;  /* per function: its events */
    int32_t *entry_fn;          /* per unit event list: resolved thread function (spawns), -1 */
    bool *taken;                /* per function: its address is taken */
    bool *to_spawn;             /* per function: it reaches a spawn */
    int32_t main_id;            /* the program's `main`, or -1 */
    /* Each call's targets, resolved once (build_calls): unit u's call k enters
       targets[tfirst[u][k] .. tfirst[u][k + 1]), weakly when tweak[u][k] (pg_edge). */
    fl_u32_vec targets;
    uint32_t **tfirst;
    uint8_t **tweak;
    /* Each function's calls (calls_by_fn): program function f makes unit cu[i]'s call ck[i] for
       i in cfirst[f] .. cfirst[f + 1). */
    uint32_t *cfirst, *cu, *ck;
    /* Per function, per callee index (program.callees): the entries every call of it along that
       edge has surely ended (joined), or NULL (build_joined). */
    fl_word ***edge_end;
} build;

static bool has_body(const program *p, uint32_t id)
{
    const pg_fn *f = &p->fns[id];
    return p->units[f->unit].acc->fns[f->index].fn != NULL;
}

/* The function a callee of unit u names in the program, or -1. */
static int32_t resolve(build *b, uint32_t u, const ast_callee *c)
{
    program *p = b->p;
    if (!c)
        return -1;
    if (c->def && c->def->in_main_file) {
        uint32_t id = pg_id(p, u, c->def->index);
        return has_body(p, id) ? (int32_t)id : -1;
    }
    if (c->is_static || !c->name)
        return -1;
    int32_t du = sym_pick(&b->syms, p->units, c->name, u);
    if (du < 0)
        return -1;
    const ast_tu *tu = p->units[du].tu;
    for (uint32_t i = 0; i < tu->nfuncs; i++)
        if (tu->funcs[i]->in_main_file && !tu->funcs[i]->is_static && strcmp(tu->funcs[i]->name, c->name) == 0) {
            uint32_t id = pg_id(p, (uint32_t)du, i);
            return has_body(p, id) ? (int32_t)id : -1;
        }
    return -1;
}

int32_t pg_entry_of(const program *p, uint32_t id)
{
    return id < p->nfns ? p->entry_of[id] : -1;
}

/* ---- calls ---- */

/* The functions a call of unit u may enter: its resolved callee; for a call through a pointer,
   the functions stored where the pointer is read from (function pointer slots), else the
   address-taken functions whose type fits (none beyond PG_MAX_TARGETS), as weak edges. Into out. */
static int32_t slot_of_call(build *b, uint32_t u, const acc_call *c);

/* At most this many functions stored in one slot are followed as sure targets; a slot holding
   more is treated like a guess. */
#define PG_MAX_SLOT_TARGETS 32
/* At most this many functions stored in a struct field are sure targets of a call through it. */
#define PG_FIELD_SLOT_SURE 4

static void call_targets(build *b, uint32_t u, const acc_call *c, fl_u32_vec *out, uint8_t *weak)
{
    *weak = PG_STRONG;
    program *p = b->p;
    out->len = 0;
    const ast_node *n = c->call;
    const ast_callee *callee = c->target ? c->target : n->callee;
    if (callee) {
        int32_t t = resolve(b, u, callee);
        if (t >= 0) {
            fl_vec_push(out, (uint32_t)t);
            /* the way out of a failed assertion: what it does while the program dies is not
               worth a report */
            const pg_fn *f = &p->fns[t];
            *weak = p->units[f->unit].acc->fns[f->index].dies ? PG_WEAK_DIES : PG_STRONG;
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

/* The targets of unit u's call k as build_calls resolved them: *n of them at the result. */
static const uint32_t *targets_of(const build *b, uint32_t u, uint32_t k, uint32_t *n, uint8_t *weak)
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
    return has_body(b->p, fn) && i < f->nparams ? (int32_t)(b->sl.param_base[fn] + i) : -1;
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
static void build_slots(build *b)
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
                int32_t callee = resolve(b, u, f->to_callee);
                if (callee >= 0)
                    to = param_slot(b, (uint32_t)callee, f->to_param);
            }
            if (to < 0)
                continue;
            if (f->what) {
                int32_t fn = resolve(b, u, f->what);
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

static void free_slots(slots *sl)
{
    for (uint32_t s = 0; s < sl->n && sl->fns; s++) {
        fl_vec_free(&sl->fns[s]);
        fl_vec_free(&sl->succ[s]);
    }
    free(sl->fns);
    free(sl->succ);
    fl_strmap_free(&sl->ids);
}

static void build_calls(build *b)
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
            int32_t t = resolve(b, u, &c);
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
static void reach_from(const program *p, uint32_t root, fl_word *reach, bool strong)
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

/* ---- threads ---- */

/* Each function's calls, in the order of the units' call lists (b->cfirst, cu, ck). */
static void calls_by_fn(build *b)
{
    program *p = b->p;
    uint32_t *first = b->cfirst = FL_NEW_ARRAY(b->A, uint32_t, p->nfns + 2);
    for (uint32_t u = 0; u < p->nunits; u++)
        for (uint32_t k = 0; k < p->units[u].acc->ncalls; k++)
            first[pg_id(p, u, p->units[u].acc->calls[k].fn) + 1]++;
    for (uint32_t f = 0; f < p->nfns; f++)
        first[f + 1] += first[f];
    uint32_t *at = fl_xmalloc((p->nfns + 1) * sizeof *at);
    b->cu = FL_NEW_ARRAY(b->A, uint32_t, first[p->nfns] + 1);
    b->ck = FL_NEW_ARRAY(b->A, uint32_t, first[p->nfns] + 1);
    memcpy(at, first, (p->nfns + 1) * sizeof *at);
    for (uint32_t u = 0; u < p->nunits; u++)
        for (uint32_t k = 0; k < p->units[u].acc->ncalls; k++) {
            uint32_t f = pg_id(p, u, p->units[u].acc->calls[k].fn);
            b->cu[at[f]] = u;
            b->ck[at[f]++] = k;
        }
    free(at);
}

/* Does a call or spawn made where `c` holds contradict facts f (a flag the one says is zero, the
   other non-zero)? */
bool pg_conds_contradict(const acc_conds *c, const acc_conds *f)
{
    for (uint32_t i = 0; i < c->n; i++)
        for (uint32_t j = 0; j < f->n; j++)
            if (c->c[i].nonzero != f->c[j].nonzero && strcmp(c->c[i].key, f->c[j].key) == 0)
                return true;
    return false;
}

/* Mode flags: a thread started where a flag that keeps its value while threads run was tested
   (`else if (!aio) spawn(uring_fn)`) does not take the branches of the code it runs that test it
   the other way (`if (aio) setup_aio(s)` in the setup every thread calls): its reach is found
   again, without the calls made only there. A flag keeps its value when every write to it is in
   `main` before it starts a thread, or while no other thread exists (facts/access.h regions). */
static void prune_by_flags(build *b, int32_t **entry_of_event, pg_thread *th, uint32_t nth)
{
    program *p = b->p;
    fl_strmap unstable = {0}, tested = {0}, tls = {0};
    bool any = false;
    FL_VEC(const char *) tls_keys = {0}; /* thread-specific keys some call's facts name */
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t e = 0; e < a->nevents; e++)
            for (uint32_t i = 0; i < a->events[e].conds.n; i++, any = true)
                fl_strmap_put(&tested, a->events[e].conds.c[i].key, 1);
        for (uint32_t k = 0; k < a->ncalls + a->naccs; k++) {
            const acc_conds *c = k < a->ncalls ? &a->calls[k].conds : &a->accs[k - a->ncalls].conds;
            for (uint32_t i = 0; i < c->n; i++) {
                const char *key = c->c[i].key;
                uint32_t v;
                if (key[0] == 't' && key[1] == ':' && !fl_strmap_get(&tls, key, &v)) {
                    fl_strmap_put(&tls, key, (uint32_t)tls_keys.len);
                    fl_vec_push(&tls_keys, key);
                }
            }
        }
    }
    if (!any && !tls_keys.len) {
        fl_strmap_free(&tested);
        fl_strmap_free(&tls);
        return;
    }
    /* who sets each thread-specific key (to something that may not be NULL) */
    fl_word **setters = FL_NEW_ARRAY(b->A, fl_word *, tls_keys.len + 1);
    for (uint32_t id = 0; id < p->nfns && tls_keys.len; id++) {
        const acc_fn *af = &p->units[p->fns[id].unit].acc->fns[p->fns[id].index];
        for (uint32_t i = 0; i < af->ntls_sets; i++) {
            uint32_t t;
            if (!fl_strmap_get(&tls, af->tls_sets[i], &t))
                continue;
            if (!setters[t])
                setters[t] = FL_NEW_ARRAY(b->A, fl_word, b->nw_fn);
            fl_bs_set(setters[t], id);
        }
    }
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t i = 0; i < a->naccs; i++) {
            const acc_access *x = &a->accs[i];
            uint32_t v;
            if (!x->write || !fl_strmap_get(&tested, x->loc, &v))
                continue;
            bool in_main = strcmp(a->tu->funcs[x->fn]->name, "main") == 0 && !x->after_start;
            if (!in_main && !(x->region & ACC_SINGLE))
                fl_strmap_put(&unstable, x->loc, 1);
        }
    }
    const uint32_t *first = b->cfirst, *cu = b->cu, *ck = b->ck;
    fl_u32_vec stack = {0};
    for (uint32_t t = 0; t < nth; t++) {
        /* the facts of every spawn of this entry, on flags that keep their value */
        FL_VEC(acc_cond) facts = {0};
        bool first_spawn = true;
        for (uint32_t u = 0; u < p->nunits; u++) {
            const acc_unit *a = p->units[u].acc;
            for (uint32_t e = 0; e < a->nevents; e++) {
                if (entry_of_event[u][e] != (int32_t)t)
                    continue;
                const acc_conds *c = &a->events[e].conds;
                uint32_t v;
                if (first_spawn) {
                    /* the spawner's own thread-specific values are not the thread's */
                    for (uint32_t i = 0; i < c->n; i++)
                        if (!fl_strmap_get(&unstable, c->c[i].key, &v) && c->c[i].key[0] != 't')
                            fl_vec_push(&facts, c->c[i]);
                    first_spawn = false;
                    continue;
                }
                size_t keep = 0;
                for (size_t j = 0; j < facts.len; j++) {
                    bool both = false;
                    for (uint32_t i = 0; i < c->n && !both; i++)
                        both = c->c[i].nonzero == facts.items[j].nonzero && strcmp(c->c[i].key, facts.items[j].key) == 0;
                    if (both)
                        facts.items[keep++] = facts.items[j];
                }
                facts.len = keep;
            }
        }
        /* a thread that sets a thread-specific key nowhere it runs gets NULL for it */
        for (size_t k = 0; k < tls_keys.len; k++) {
            bool sets = false;
            for (uint32_t w = 0; setters[k] && w < b->nw_fn && !sets; w++)
                sets = (setters[k][w] & th[t].reach[w]) != 0;
            if (!sets) {
                acc_cond z = {tls_keys.items[k], false};
                fl_vec_push(&facts, z);
            }
        }
        acc_conds f = {facts.len ? fl_arena_memdup(b->A, facts.items, facts.len * sizeof *facts.items) : NULL,
                       (uint32_t)facts.len};
        th[t].facts = f;
        for (int strong = 0; strong < 2 && f.n; strong++) {
            fl_word *reach = strong ? th[t].reach_strong : th[t].reach;
            fl_bs_zero(reach, b->nw_fn);
            fl_bs_set(reach, th[t].fn);
            fl_vec_push(&stack, th[t].fn);
            while (stack.len) {
                uint32_t from = stack.items[--stack.len];
                for (uint32_t i = first[from]; i < first[from + 1]; i++) {
                    const acc_call *c = &p->units[cu[i]].acc->calls[ck[i]];
                    if (pg_conds_contradict(&c->conds, &f))
                        continue;
                    uint8_t weak;
                    uint32_t nt;
                    const uint32_t *ts = targets_of(b, cu[i], ck[i], &nt, &weak);
                    for (uint32_t j = 0; j < nt; j++)
                        if ((!strong || !weak) && !fl_bs_test(reach, ts[j])) {
                            fl_bs_set(reach, ts[j]);
                            fl_vec_push(&stack, ts[j]);
                        }
                }
            }
        }
        fl_vec_free(&facts);
    }
    fl_vec_free(&stack);
    fl_vec_free(&tls_keys);
    fl_strmap_free(&tls);
    fl_strmap_free(&unstable);
    fl_strmap_free(&tested);
}

static const acc_event *event_of(const program *p, ev_ref r)
{
    return &p->units[r.unit].acc->events[r.index];
}

static void build_threads(build *b, int32_t **entry_of_event)
{
    program *p = b->p;
    FL_VEC(pg_thread) th = {0};
    int32_t *entry_of_fn = p->entry_of = FL_NEW_ARRAY(b->A, int32_t, p->nfns + 1);
    memset(entry_of_fn, 0xff, (p->nfns + 1) * sizeof *entry_of_fn);
    /* entries: one per thread function */
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        entry_of_event[u] = FL_NEW_ARRAY(b->A, int32_t, a->nevents + 1);
        for (uint32_t e = 0; e < a->nevents; e++) {
            const acc_event *ev = &a->events[e];
            entry_of_event[u][e] = -1;
            if (ev->starter)
                continue;
            int32_t f = resolve(b, u, ev->target);
            if (f < 0)
                continue;
            int32_t k = entry_of_fn[f];
            if (k >= 0) {
                th.items[k].multiple = true;
                th.items[k].spawn = ev;
            } else {
                pg_thread t = {(uint32_t)f, true, ev->in_loop, false, false, ev, NULL, NULL, {NULL, 0}};
                fl_vec_push(&th, t);
                k = entry_of_fn[f] = (int32_t)(th.len - 1);
            }
            entry_of_event[u][e] = k;
        }
    }
    p->nentries = (uint32_t)th.len;
    for (size_t k = 0; k < th.len; k++) {
        th.items[k].reach = FL_NEW_ARRAY(b->A, fl_word, b->nw_fn);
        reach_from(p, th.items[k].fn, th.items[k].reach, false);
        th.items[k].reach_strong = FL_NEW_ARRAY(b->A, fl_word, b->nw_fn);
        reach_from(p, th.items[k].fn, th.items[k].reach_strong, true);
    }
    calls_by_fn(b);
    prune_by_flags(b, entry_of_event, th.items, (uint32_t)th.len);
    /* the spawning side: uncalled functions (not entries, not trampolines) that reach a spawn;
       which functions reach one is found backwards from the spawns, along reversed calls */
    bool *to_spawn = b->to_spawn = FL_NEW_ARRAY(b->A, bool, p->nfns + 1);
    fl_u32_vec work = {0};
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t e = 0; e < a->nevents; e++) {
            uint32_t id = pg_id(p, u, a->events[e].fn);
            if (!a->events[e].starter && !to_spawn[id]) {
                to_spawn[id] = true;
                fl_vec_push(&work, id);
            }
        }
    }
    uint32_t *rfirst = fl_xcalloc(p->nfns + 2, sizeof *rfirst);
    for (uint32_t f = 0; f < p->nfns; f++)
        for (uint32_t i = 0; i < p->ncallees[f]; i++)
            rfirst[p->callees[f][i] + 1]++;
    for (uint32_t f = 0; f < p->nfns; f++)
        rfirst[f + 1] += rfirst[f];
    uint32_t *rcaller = fl_xmalloc((rfirst[p->nfns] + 1) * sizeof *rcaller);
    uint32_t *rat = fl_xmalloc((p->nfns + 1) * sizeof *rat);
    memcpy(rat, rfirst, (p->nfns + 1) * sizeof *rat);
    for (uint32_t f = 0; f < p->nfns; f++)
        for (uint32_t i = 0; i < p->ncallees[f]; i++)
            rcaller[rat[p->callees[f][i]]++] = f;
    while (work.len) {
        uint32_t f = work.items[--work.len];
        for (uint32_t i = rfirst[f]; i < rfirst[f + 1]; i++)
            if (!to_spawn[rcaller[i]]) {
                to_spawn[rcaller[i]] = true;
                fl_vec_push(&work, rcaller[i]);
            }
    }
    free(rfirst);
    free(rcaller);
    free(rat);
    fl_vec_free(&work);
    /* a program with `main` starts there: its other uncalled functions are dead code, or code
       of the program's library that other programs use */
    int32_t main_id = b->main_id = -1;
    for (uint32_t id = 0; id < p->nfns && main_id < 0; id++)
        if (has_body(p, id) && strcmp(pg_func(p, id)->name, "main") == 0 && !pg_func(p, id)->is_static)
            main_id = b->main_id = (int32_t)id;
    for (uint32_t id = 0; id < p->nfns; id++) {
        const pg_fn *f = &p->fns[id];
        if (!to_spawn[id] || !has_body(p, id) || p->called[id] || entry_of_fn[id] >= 0 ||
            p->units[f->unit].acc->fns[f->index].trampoline || (main_id >= 0 && (int32_t)id != main_id))
            continue;
        pg_thread t = {id, false, false, false, false, NULL, FL_NEW_ARRAY(b->A, fl_word, b->nw_fn),
                       FL_NEW_ARRAY(b->A, fl_word, b->nw_fn), {NULL, 0}};
        reach_from(p, id, t.reach, false);
        reach_from(p, id, t.reach_strong, true);
        fl_vec_push(&th, t);
    }
    p->threads = th.len ? fl_arena_memdup(b->A, th.items, th.len * sizeof *th.items) : NULL;
    p->nthreads = (uint32_t)th.len;
    fl_vec_free(&th);
}

/* Entries each event may leave running: a spawn its thread, a starter what its callee leaves
   running when it returns (to a fixed point: starters calling starters). */
static void build_event_entries(build *b, int32_t **entry_of_event)
{
    program *p = b->p;
    uint32_t nw = b->nw_ent;
    p->ev_entries = FL_NEW_ARRAY(b->A, fl_word **, p->nunits);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        p->ev_entries[u] = FL_NEW_ARRAY(b->A, fl_word *, a->nevents + 1);
        for (uint32_t e = 0; e < a->nevents; e++) {
            p->ev_entries[u][e] = FL_NEW_ARRAY(b->A, fl_word, nw);
            if (entry_of_event[u][e] >= 0)
                fl_bs_set(p->ev_entries[u][e], (uint32_t)entry_of_event[u][e]);
        }
    }
    fl_word *esc = FL_NEW_ARRAY(b->A, fl_word, nw);
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t u = 0; u < p->nunits; u++) {
            const acc_unit *a = p->units[u].acc;
            for (uint32_t e = 0; e < a->nevents; e++) {
                const acc_event *ev = &a->events[e];
                if (!ev->starter)
                    continue;
                int32_t callee = resolve(b, u, ev->target);
                if (callee < 0)
                    continue;
                /* what the callee leaves running at its return */
                fl_bs_zero(esc, nw);
                const pg_fn *cf = &p->fns[callee];
                const acc_fn *af = &p->units[cf->unit].acc->fns[cf->index];
                for (size_t i = 0; af->exit_run && i < b->fn_events[callee].len; i++) {
                    ev_ref r = b->fn_events[callee].items[i];
                    if (fl_bs_test(af->exit_run, run_bit_r(event_of(p, r)->bit)))
                        fl_bs_union(esc, p->ev_entries[r.unit][r.index], nw);
                }
                changed |= fl_bs_union(p->ev_entries[u][e], esc, nw);
            }
        }
    }
}

void pg_running_entries(const program *p, uint32_t id, const fl_word *run, fl_word *out)
{
    uint32_t nw = fl_bs_words(p->nentries ? p->nentries : 1);
    fl_bs_zero(out, nw);
    if (!run)
        return;
    const pg_fn *f = &p->fns[id];
    const acc_unit *a = p->units[f->unit].acc;
    /* the events of a function are contiguous in its unit's list, in bit order */
    for (uint32_t e = 0; e < a->nevents; e++)
        if (a->events[e].fn == f->index && fl_bs_test(run, run_bit_r(a->events[e].bit)))
            fl_bs_union(out, p->ev_entries[f->unit][e], nw);
}

/* Down the calls from the functions that have bits, each bit once per function, remembering
   through which caller it came (when `from` is given); weak edges skipped when `strong`. */
static void propagate(const program *p, fl_word ***edge_end, fl_word **par, bool strong, const ast_node **call,
                      uint32_t *from)
{
    uint32_t ne = p->nentries, nw = fl_bs_words(ne ? ne : 1);
    fl_u32_vec work = {0};
    for (uint32_t f = 0; f < p->nfns; f++)
        if (!fl_bs_empty(par[f], nw))
            fl_vec_push(&work, f);
    while (work.len) {
        uint32_t f = work.items[--work.len];
        for (uint32_t i = 0; i < p->ncallees[f]; i++) {
            if (strong && p->callee_weak[f][i])
                continue;
            uint32_t c = p->callees[f][i];
            const fl_word *ends = edge_end && edge_end[f] ? edge_end[f][i] : NULL;
            bool grew = false;
            for (uint32_t k = 0; k < ne; k++)
                if (fl_bs_test(par[f], k) && !fl_bs_test(par[c], k) && !(ends && fl_bs_test(ends, k))) {
                    fl_bs_set(par[c], k);
                    if (call) {
                        call[(size_t)c * ne + k] = NULL;
                        from[(size_t)c * ne + k] = f;
                    }
                    grew = true;
                }
            if (grew)
                fl_vec_push(&work, c);
        }
    }
    fl_vec_free(&work);
}

/* Threads ended by a join of their global handle (facts/joined.h). An entry all of whose
   spawns store the handle in one global, and that is not started twice, is over once that
   global is joined. A function joins a handle on every path when it does so itself or calls,
   on every path, a function that does (a fixpoint over the call graph, from nothing: a cycle
   joins nothing it does not join outside it). A call made after such joins does not carry the
   ended entries to its callee (b->edge_end, for propagate). */
static void build_joined(build *b, int32_t **entry_of_event)
{
    program *p = b->p;
    uint32_t ne = p->nentries;
    b->edge_end = FL_NEW_ARRAY(b->A, fl_word **, p->nfns + 1);
    /* the handles of the entries that have one */
    fl_strmap hid = {0};
    const char **handle = FL_NEW_ARRAY(b->A, const char *, ne + 1);
    bool *mixed = FL_NEW_ARRAY(b->A, bool, ne + 1);
    for (uint32_t u = 0; u < p->nunits; u++)
        for (uint32_t e = 0; e < p->units[u].acc->nevents; e++) {
            int32_t k = entry_of_event[u][e];
            const char *h = p->units[u].acc->events[e].handle;
            if (k < 0)
                continue;
            if (!h || (handle[k] && strcmp(handle[k], h) != 0))
                mixed[k] = true;
            handle[k] = h;
        }
    uint32_t nh = 0;
    int32_t *entry_h = FL_NEW_ARRAY(b->A, int32_t, ne + 1);
    for (uint32_t k = 0; k < ne; k++) {
        entry_h[k] = -1;
        if (mixed[k] || !handle[k] || p->threads[k].multiple)
            continue;
        uint32_t id = fl_strmap_intern(&hid, handle[k], nh);
        if (id == nh)
            nh++;
        entry_h[k] = (int32_t)id;
    }
    if (!nh || nh > 64) { /* one word of handles: a program ending more threads this way is rare */
        fl_strmap_free(&hid);
        return;
    }
    /* what each function joins on every path to its return */
    uint64_t *J = FL_NEW_ARRAY(b->A, uint64_t, p->nfns + 1);
    for (int round = 0, changed = 1; changed && round < 16; round++) {
        changed = 0;
        for (uint32_t id = 0; id < p->nfns; id++) {
            const pg_fn *f = &p->fns[id];
            const acc_joins *x = &p->units[f->unit].acc->fns[f->index].exit_ended;
            uint64_t j = 0;
            for (uint32_t i = 0; i < x->n; i++) {
                uint32_t h;
                if (x->j[i].handle && fl_strmap_get(&hid, x->j[i].handle, &h))
                    j |= (uint64_t)1 << h;
                int32_t t = x->j[i].callee ? resolve(b, f->unit, x->j[i].callee) : -1;
                if (t >= 0)
                    j |= J[t];
            }
            if (j != J[id]) {
                J[id] = j;
                changed = 1;
            }
        }
    }
    /* per call: the entries ended there; per edge: those every call along it ended */
    uint32_t nw = b->nw_ent;
    int32_t *pos = fl_xmalloc((p->nfns + 1) * sizeof *pos);
    memset(pos, 0xff, (p->nfns + 1) * sizeof *pos);
    fl_word *ended = FL_NEW_ARRAY(b->A, fl_word, nw);
    for (uint32_t f = 0; f < p->nfns; f++) {
        if (!p->ncallees[f])
            continue;
        for (uint32_t i = 0; i < p->ncallees[f]; i++)
            pos[p->callees[f][i]] = (int32_t)i;
        fl_word **ends = NULL;
        bool *seen = NULL;
        for (uint32_t i = b->cfirst[f]; i < b->cfirst[f + 1]; i++) {
            const acc_call *c = &p->units[b->cu[i]].acc->calls[b->ck[i]];
            uint64_t j = 0;
            for (uint32_t m = 0; m < c->ended.n; m++) {
                uint32_t h;
                if (c->ended.j[m].handle && fl_strmap_get(&hid, c->ended.j[m].handle, &h))
                    j |= (uint64_t)1 << h;
                int32_t t = c->ended.j[m].callee ? resolve(b, b->cu[i], c->ended.j[m].callee) : -1;
                if (t >= 0)
                    j |= J[t];
            }
            fl_bs_zero(ended, nw);
            for (uint32_t k = 0; k < ne && j; k++)
                if (entry_h[k] >= 0 && (j >> entry_h[k]) & 1)
                    fl_bs_set(ended, k);
            uint8_t weak;
            uint32_t nt;
            const uint32_t *ts = targets_of(b, b->cu[i], b->ck[i], &nt, &weak);
            for (uint32_t t = 0; t < nt; t++) {
                int32_t e = pos[ts[t]];
                if (e < 0)
                    continue;
                if (!ends) {
                    ends = FL_NEW_ARRAY(b->A, fl_word *, p->ncallees[f]);
                    seen = fl_xcalloc(p->ncallees[f], sizeof *seen);
                }
                if (!seen[e]) {
                    seen[e] = true;
                    ends[e] = FL_NEW_ARRAY(b->A, fl_word, nw);
                    fl_bs_copy(ends[e], ended, nw);
                } else {
                    for (uint32_t w = 0; w < nw; w++)
                        ends[e][w] &= ended[w];
                }
            }
        }
        b->edge_end[f] = ends;
        free(seen);
        for (uint32_t i = 0; i < p->ncallees[f]; i++)
            pos[p->callees[f][i]] = -1;
    }
    free(pos);
    fl_strmap_free(&hid);
}

/* par: a function called while entries may run runs beside them, and so do its callees. */
static void build_par(build *b)
{
    program *p = b->p;
    uint32_t nw = b->nw_ent, ne = p->nentries;
    p->par = FL_NEW_ARRAY(b->A, fl_word *, p->nfns);
    p->par_strong = FL_NEW_ARRAY(b->A, fl_word *, p->nfns);
    for (uint32_t id = 0; id < p->nfns; id++) {
        p->par[id] = FL_NEW_ARRAY(b->A, fl_word, nw);
        p->par_strong[id] = FL_NEW_ARRAY(b->A, fl_word, nw);
    }
    p->par_call = FL_NEW_ARRAY(b->A, const ast_node *, (size_t)p->nfns * ne);
    p->par_from = FL_NEW_ARRAY(b->A, uint32_t, (size_t)p->nfns * ne);
    p->par_call_strong = FL_NEW_ARRAY(b->A, const ast_node *, (size_t)p->nfns * ne);
    p->par_from_strong = FL_NEW_ARRAY(b->A, uint32_t, (size_t)p->nfns * ne);
    fl_word *run = FL_NEW_ARRAY(b->A, fl_word, nw);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t k = 0; k < a->ncalls; k++) {
            const acc_call *c = &a->calls[k];
            if (!c->run)
                continue;
            uint32_t from = pg_id(p, u, c->fn);
            pg_running_entries(p, from, c->run, run);
            if (fl_bs_empty(run, nw))
                continue;
            uint8_t weak;
            uint32_t nt;
            const uint32_t *ts = targets_of(b, u, k, &nt, &weak);
            for (uint32_t i = 0; i < nt; i++) {
                uint32_t t = ts[i];
                int32_t k2 = pg_entry_of(p, t);
                for (uint32_t k = 0; k < ne; k++) {
                    /* the entry itself, called directly, is not beside itself */
                    if (!fl_bs_test(run, k) || (int32_t)k == k2)
                        continue;
                    if (!weak && !fl_bs_test(p->par_strong[t], k)) {
                        fl_bs_set(p->par_strong[t], k);
                        p->par_call_strong[(size_t)t * ne + k] = c->call;
                        p->par_from_strong[(size_t)t * ne + k] = from;
                    }
                    if (fl_bs_test(p->par[t], k))
                        continue;
                    fl_bs_set(p->par[t], k);
                    p->par_call[(size_t)t * ne + k] = c->call;
                    p->par_from[(size_t)t * ne + k] = from;
                }
            }
        }
    }
    propagate(p, b->edge_end, p->par, false, p->par_call, p->par_from);
    propagate(p, b->edge_end, p->par_strong, true, p->par_call_strong, p->par_from_strong);
}

/* Which entries run twice at once, and which pairs run at once: an entry spawned while another
   (or itself) may be running; with every edge, or with strong ones only. */
static void build_order(build *b, int32_t **entry_of_event, bool strong)
{
    program *p = b->p;
    uint32_t ne = p->nentries, nw = b->nw_ent;
    bool *overlap = FL_NEW_ARRAY(b->A, bool, ne ? ne * ne : 1);
    if (strong)
        p->overlap_strong = overlap;
    else
        p->overlap = overlap;
    fl_word **par = strong ? p->par_strong : p->par;
    fl_word *run = FL_NEW_ARRAY(b->A, fl_word, nw);
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t e = 0; e < a->nevents; e++) {
            int32_t k2 = entry_of_event[u][e];
            if (k2 < 0)
                continue;
            uint32_t f = pg_id(p, u, a->events[e].fn);
            pg_running_entries(p, f, a->events[e].before, run);
            for (uint32_t k1 = 0; k1 < ne; k1++) {
                if (k1 == (uint32_t)k2 && a->events[e].once && !a->events[e].in_loop)
                    continue; /* run once per program: never a second instance (unless a loop
                                 in the once code starts several) */
                if (pg_conds_contradict(&p->threads[k1].facts, &p->threads[k2].facts))
                    continue; /* started under opposite values of a mode flag: never both */
                const fl_word *reach = strong ? p->threads[k1].reach_strong : p->threads[k1].reach;
                bool runs = fl_bs_test(run, k1) || fl_bs_test(par[f], k1) || fl_bs_test(reach, f);
                if (!runs)
                    continue;
                if (k1 == (uint32_t)k2) {
                    if (strong)
                        p->threads[k1].overlaps_itself_strong = true;
                    else
                        p->threads[k1].overlaps_itself = true;
                } else {
                    overlap[k1 * ne + (uint32_t)k2] = overlap[(uint32_t)k2 * ne + k1] = true;
                }
            }
        }
    }
}

/* ---- locks ---- */

static uint32_t intern_key(build *b, const char *key, const char *name)
{
    program *p = b->p;
    uint32_t id;
    if (fl_strmap_get(&b->p->key_ids, key, &id))
        return id;
    if ((p->nkeys & (p->nkeys - 1)) == 0) {
        uint32_t cap = p->nkeys ? 2 * p->nkeys : 16;
        const char **k = FL_NEW_ARRAY(b->A, const char *, cap);
        const char **n = FL_NEW_ARRAY(b->A, const char *, cap);
        if (p->nkeys) {
            memcpy(k, p->keys, p->nkeys * sizeof *k);
            memcpy(n, p->key_names, p->nkeys * sizeof *n);
        }
        p->keys = k;
        p->key_names = n;
    }
    id = p->nkeys++;
    p->keys[id] = key;
    p->key_names[id] = name;
    fl_strmap_put(&p->key_ids, key, id);
    return id;
}

/* A key as the program compares it: "a:" keys are relative to their function's argument. */
static const char *program_key(build *b, uint32_t fn, const char *key)
{
    if (key[0] == 'a' && key[1] == ':')
        return fl_arena_sprintf(b->A, "a:%u:%s", fn, key + 2);
    return key;
}

static pg_locks convert_locks(build *b, uint32_t fn, const acc_locks *l)
{
    pg_locks r = {0};
    r.unknown = l->unknown || b->p->opaque_lock[fn];
    if (!l->n)
        return r;
    r.keys = FL_NEW_ARRAY(b->A, uint32_t, l->n);
    r.excl = FL_NEW_ARRAY(b->A, bool, l->n);
    for (uint32_t i = 0; i < l->n; i++) {
        r.keys[r.n] = intern_key(b, program_key(b, fn, l->l[i].key), l->l[i].name);
        r.excl[r.n++] = l->l[i].excl;
    }
    return r;
}

static bool ls_has(const pg_locks *s, uint32_t key, bool *excl)
{
    for (uint32_t i = 0; i < s->n; i++)
        if (s->keys[i] == key) {
            *excl = s->excl[i];
            return true;
        }
    return false;
}

/* Held by both callers: the key in both, exclusive only if both hold it so. */
static bool ls_meet_into(pg_locks *dst, const pg_locks *a, const pg_locks *c)
{
    bool changed = false;
    uint32_t n = 0;
    for (uint32_t i = 0; i < dst->n; i++) {
        bool ea = false, ec = false;
        bool in_a = ls_has(a, dst->keys[i], &ea), in_c = ls_has(c, dst->keys[i], &ec);
        if (!in_a && !in_c) {
            changed = true;
            continue;
        }
        bool ex = dst->excl[i] && (in_a ? ea : true) && (in_c ? ec : true);
        changed |= ex != dst->excl[i];
        dst->keys[n] = dst->keys[i];
        dst->excl[n++] = ex;
    }
    dst->n = n;
    if (dst->unknown && !(a->unknown || c->unknown)) {
        dst->unknown = false;
        changed = true;
    }
    return changed;
}

/* Per function: whether it is the root of a thread (an entry, or a root of the spawning side). */
static bool *thread_roots(build *b)
{
    program *p = b->p;
    bool *root = FL_NEW_ARRAY(b->A, bool, p->nfns + 1);
    for (uint32_t k = 0; k < p->nthreads; k++)
        root[p->threads[k].fn] = true;
    return root;
}

/* A call of the program to one of its targets, with what the caller holds and where it is. */
typedef pg_call crec;
typedef pg_calls call_table;

/* ACC_SINGLE | ACC_ONCE for code of `main` before it starts any thread (after_start: whether one
   may have started on some path before it, joined since or not), else 0. */
static uint8_t before_threads(const build *b, uint32_t fn, bool after_start)
{
    return (int32_t)fn == b->main_id && !after_start ? ACC_SINGLE | ACC_ONCE : 0;
}

static void build_call_table(build *b, call_table *t)
{
    program *p = b->p;
    FL_VEC(crec) calls = {0};
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t k = 0; k < a->ncalls; k++) {
            const acc_call *c = &a->calls[k];
            uint32_t from = pg_id(p, u, c->fn);
            uint8_t weak;
            uint32_t nt;
            const uint32_t *ts = targets_of(b, u, k, &nt, &weak);
            if (!nt)
                continue;
            pg_locks l = convert_locks(b, from, &c->locks);
            l.unknown = c->locks.unknown; /* the caller's own doubt, not its opaque lock calls */
            uint8_t region = (uint8_t)(c->region | before_threads(b, from, c->after_start));
            uint32_t arg0 = c->arg0 ? intern_key(b, program_key(b, from, c->arg0), c->arg0_name) : PG_NO_KEY;
            for (uint32_t i = 0; i < nt; i++) {
                crec r = {from, ts[i], l, region, arg0};
                fl_vec_push(&calls, r);
            }
        }
    }
    /* grouped by caller (a counting sort: callers' calls are mostly together already) */
    t->n = calls.len;
    t->first = FL_NEW_ARRAY(b->A, uint32_t, p->nfns + 2);
    for (size_t i = 0; i < calls.len; i++)
        t->first[calls.items[i].from + 1]++;
    for (uint32_t f = 0; f < p->nfns; f++)
        t->first[f + 1] += t->first[f];
    uint32_t *at = fl_xmalloc((p->nfns + 1) * sizeof *at);
    memcpy(at, t->first, (p->nfns + 1) * sizeof *at);
    t->c = FL_NEW_ARRAY(b->A, crec, calls.len + 1);
    for (size_t i = 0; i < calls.len; i++)
        t->c[at[calls.items[i].from]++] = calls.items[i];
    free(at);
    fl_vec_free(&calls);
}

/* The locks every call from the code of `roots` (those functions start with no lock) holds when
   calling each function that code runs, into ent[nfns] (functions it does not run: none), over
   the calls that may run beside other threads. A worklist of the functions whose set changed: a
   set is made once, then only shrinks. */
static void entry_locks(const program *p, fl_arena *A, const pg_calls *t, const bool *root, pg_locks *ent)
{
    fl_u32_vec work = {0};
    bool *queued = fl_xcalloc(p->nfns + 1, 1);
    for (uint32_t id = 0; id < p->nfns; id++) {
        ent[id] = (pg_locks){0};
        ent[id].top = !root[id];
        if (root[id]) {
            fl_vec_push(&work, id);
            queued[id] = true;
        }
    }
    while (work.len) {
        uint32_t from = work.items[--work.len];
        queued[from] = false;
        const pg_locks *caller = &ent[from];
        for (uint32_t i = t->first[from]; i < t->first[from + 1]; i++) {
            const pg_call *r = &t->c[i];
            /* roots start with no lock; a call while no other thread exists (main before its
               first thread) decides no race, so what it holds does not count */
            if (root[r->to] || ((r->region | p->fn_region[from]) & ACC_SINGLE))
                continue;
            pg_locks *e = &ent[r->to];
            bool changed;
            if (e->top) {
                /* the union of the caller's own and inherited locks */
                uint32_t n = r->locks.n + caller->n;
                e->keys = FL_NEW_ARRAY(A, uint32_t, n + 1);
                e->excl = FL_NEW_ARRAY(A, bool, n + 1);
                e->n = 0;
                for (uint32_t j = 0; j < r->locks.n; j++) {
                    e->keys[e->n] = r->locks.keys[j];
                    e->excl[e->n++] = r->locks.excl[j];
                }
                for (uint32_t j = 0; j < caller->n; j++) {
                    bool ex;
                    if (!ls_has(e, caller->keys[j], &ex)) {
                        e->keys[e->n] = caller->keys[j];
                        e->excl[e->n++] = caller->excl[j];
                    }
                }
                e->unknown = r->locks.unknown || caller->unknown;
                e->top = false;
                changed = true;
            } else
                changed = ls_meet_into(e, &r->locks, caller);
            if (changed && !queued[r->to]) {
                queued[r->to] = true;
                fl_vec_push(&work, r->to);
            }
        }
    }
    for (uint32_t id = 0; id < p->nfns; id++)
        if (ent[id].top)
            ent[id] = (pg_locks){0};
    free(queued);
    fl_vec_free(&work);
}

/* The locks every caller of a function holds when calling it, over every thread. */
static void build_entry_locks(build *b, const call_table *t, const bool *root)
{
    program *p = b->p;
    p->ent = FL_NEW_ARRAY(b->A, pg_locks, p->nfns + 1);
    entry_locks(p, b->A, t, root, p->ent);
}

void pg_thread_entry_locks(const program *p, uint32_t k, fl_arena *A, pg_locks *out)
{
    bool *root = FL_NEW_ARRAY(A, bool, p->nfns + 1);
    root[p->threads[k].fn] = true;
    entry_locks(p, A, &p->calls, root, out);
}

/* Functions only code of a region calls (facts/access.h: once per program, or with no other
   thread): every call of it is in the region, or made by such a function. Not roots, nor
   functions whose address is taken (code out of sight may call them). Bits fall along the calls
   from functions that lost them (each function loses each bit once). */
static void build_regions(build *b, const call_table *t, const bool *root)
{
    program *p = b->p;
    const uint8_t all = ACC_ONCE | ACC_SINGLE;
    uint8_t *r = p->fn_region = FL_NEW_ARRAY(b->A, uint8_t, p->nfns + 1);
    fl_u32_vec work = {0};
    for (uint32_t id = 0; id < p->nfns; id++) {
        r[id] = root[id] || b->taken[id] || !p->called[id] ? 0 : all;
        if (b->to_spawn[id])
            r[id] &= (uint8_t)~ACC_SINGLE; /* it starts threads: not all of it runs alone */
        fl_vec_push(&work, id);
    }
    while (work.len) {
        uint32_t from = work.items[--work.len];
        for (uint32_t i = t->first[from]; i < t->first[from + 1]; i++) {
            const crec *c = &t->c[i];
            if (c->to == from)
                continue; /* recursion keeps what the other callers give */
            uint8_t keep = r[c->to] & (c->region | r[from]);
            if (keep != r[c->to]) {
                r[c->to] = keep;
                fl_vec_push(&work, c->to);
            }
        }
    }
    fl_vec_free(&work);
}

bool pg_keys_match(const program *p, uint32_t a, uint32_t b)
{
    if (a == b)
        return true;
    for (int side = 0; side < 2; side++) {
        uint32_t x = side ? b : a, y = side ? a : b;
        for (const char *o = p->key_objs[x]; o && *o; o += strlen(o) + 1)
            if (strcmp(o, p->keys[y]) == 0)
                return true;
    }
    return false;
}

/* For each "a:<fn>:<path>" key of a function that is no thread entry, the lock each direct call
   of it passes: the object its first argument points to, with the path. A caller's own "a:" key
   gets the same in turn (a worklist over the keys, which grow); paths are bounded, so that a
   recursive function passing `&m->next` on does not make keys forever. */
static void build_key_via(build *b)
{
    program *p = b->p;
    const pg_calls *t = &p->calls;
    /* the calls grouped by target */
    uint32_t *first = fl_xcalloc(p->nfns + 2, sizeof *first);
    uint32_t *by_to = fl_xmalloc((t->n + 1) * sizeof *by_to);
    for (size_t i = 0; i < t->n; i++)
        first[t->c[i].to + 1]++;
    for (uint32_t f = 0; f < p->nfns; f++)
        first[f + 1] += first[f];
    uint32_t *at = fl_xmalloc((p->nfns + 1) * sizeof *at);
    memcpy(at, first, (p->nfns + 1) * sizeof *at);
    for (size_t i = 0; i < t->n; i++)
        by_to[at[t->c[i].to]++] = (uint32_t)i;
    free(at);
    typedef struct { uint32_t key; pg_keyvia via; } kv;
    FL_VEC(kv) all = {0};
    uint32_t limit = 4 * p->nkeys + 1024;
    for (uint32_t k = 0; k < p->nkeys && p->nkeys < limit; k++) {
        const char *key = p->keys[k];
        if (key[0] != 'a' || key[1] != ':')
            continue;
        char *end;
        unsigned long fn = strtoul(key + 2, &end, 10);
        if (*end != ':' || fn >= p->nfns || p->entry_of[fn] >= 0 || strlen(end + 1) > 64)
            continue;
        for (uint32_t i = first[fn]; i < first[fn + 1]; i++) {
            const pg_call *c = &t->c[by_to[i]];
            if (c->arg0 == PG_NO_KEY)
                continue;
            const char *rest = p->keys[k] + (end + 1 - key);
            kv e = {k, {c->from, intern_key(b, fl_arena_sprintf(b->A, "%s%s", p->keys[c->arg0], rest),
                                            fl_arena_sprintf(b->A, "%s%s", p->key_names[c->arg0], rest))}};
            fl_vec_push(&all, e);
            key = p->keys[k]; /* interning may have moved the arrays, not the strings */
        }
    }
    p->nkey_via = FL_NEW_ARRAY(b->A, uint32_t, p->nkeys + 1);
    p->key_via = FL_NEW_ARRAY(b->A, pg_keyvia *, p->nkeys + 1);
    for (size_t i = 0; i < all.len; i++)
        p->nkey_via[all.items[i].key]++;
    for (uint32_t k = 0; k < p->nkeys; k++)
        if (p->nkey_via[k]) {
            p->key_via[k] = FL_NEW_ARRAY(b->A, pg_keyvia, p->nkey_via[k]);
            p->nkey_via[k] = 0;
        }
    for (size_t i = 0; i < all.len; i++)
        p->key_via[all.items[i].key][p->nkey_via[all.items[i].key]++] = all.items[i].via;
    fl_vec_free(&all);
    free(first);
    free(by_to);
}

/* For each "a:<fn>:<path>" key, the objects spawns of that entry pass, with the path. */
static void build_key_objs(build *b, int32_t **entry_of_event)
{
    program *p = b->p;
    p->key_objs = FL_NEW_ARRAY(b->A, const char *, p->nkeys + 1);
    for (uint32_t k = 0; k < p->nkeys; k++) {
        const char *key = p->keys[k];
        if (key[0] != 'a' || key[1] != ':')
            continue;
        char *end;
        unsigned long fn = strtoul(key + 2, &end, 10);
        if (*end != ':')
            continue;
        const char *rest = end + 1;
        size_t len = 0;
        char *list = NULL;
        for (uint32_t u = 0; u < p->nunits; u++) {
            const acc_unit *a = p->units[u].acc;
            for (uint32_t e = 0; e < a->nevents; e++) {
                int32_t ent = entry_of_event[u][e];
                if (ent < 0 || p->threads[ent].fn != fn || !a->events[e].obj)
                    continue;
                const char *o = fl_arena_sprintf(b->A, "%s%s", a->events[e].obj, rest);
                size_t ol = strlen(o) + 1;
                char *grown = FL_NEW_ARRAY(b->A, char, len + ol + 1);
                if (len)
                    memcpy(grown, list, len);
                memcpy(grown + len, o, ol);
                len += ol;
                list = grown;
            }
        }
        p->key_objs[k] = list;
    }
}

/* ---- accesses ---- */

static int cmp_access(const void *x, const void *y)
{
    const pg_access *a = x, *b = y;
    int c = strcmp(a->loc, b->loc);
    if (c)
        return c;
    if (a->fn != b->fn)
        return a->fn < b->fn ? -1 : 1;
    if (a->a->node->span.begin != b->a->node->span.begin)
        return a->a->node->span.begin < b->a->node->span.begin ? -1 : 1;
    uintptr_t sa = (uintptr_t)a->spawn, sb = (uintptr_t)b->spawn;
    return (sa > sb) - (sa < sb);
}

static void build_accesses(build *b, int32_t **entry_of_event)
{
    program *p = b->p;
    fl_word *reached = FL_NEW_ARRAY(b->A, fl_word, b->nw_fn);
    for (uint32_t k = 0; k < p->nthreads; k++)
        fl_bs_union(reached, p->threads[k].reach, b->nw_fn);
    /* per entry, the spawns of it that pass an object the program can name */
    const int32_t *entry_of_fn = p->entry_of;
    FL_VEC(ev_ref) *passing = fl_xcalloc(p->nentries + 1, sizeof *passing);
    for (uint32_t u = 0; u < p->nunits; u++)
        for (uint32_t e = 0; e < p->units[u].acc->nevents; e++) {
            int32_t ent = entry_of_event[u][e];
            if (ent >= 0 && p->units[u].acc->events[e].obj) {
                ev_ref r = {u, e};
                fl_vec_push(&passing[ent], r);
            }
        }
    FL_VEC(pg_access) out = {0};
    for (uint32_t u = 0; u < p->nunits; u++) {
        const acc_unit *a = p->units[u].acc;
        for (uint32_t i = 0; i < a->naccs; i++) {
            const acc_access *x = &a->accs[i];
            uint32_t fn = pg_id(p, u, x->fn);
            if (!fl_bs_test(reached, fn))
                continue;
            pg_locks l = convert_locks(b, fn, &x->locks);
            if (!x->arg) {
                uint8_t region = (uint8_t)(x->region | p->fn_region[fn] | before_threads(b, fn, x->after_start));
                pg_access pa = {x, fn, x->loc, l, NULL, 0, region};
                fl_vec_push(&out, pa);
                continue;
            }
            /* through the thread argument: one copy per spawn of this entry passing an object */
            int32_t k = entry_of_fn[fn];
            for (size_t j = 0; k >= 0 && j < passing[k].len; j++) {
                ev_ref r = passing[k].items[j];
                const acc_event *ev = &p->units[r.unit].acc->events[r.index];
                pg_access pa = {x, fn, fl_arena_sprintf(b->A, "%s%s", ev->obj, x->loc + 2), l, ev, r.unit,
                                (uint8_t)(x->region | p->fn_region[fn])};
                fl_vec_push(&out, pa);
            }
        }
    }
    for (uint32_t k = 0; k < p->nentries; k++)
        fl_vec_free(&passing[k]);
    free(passing);
    if (out.len)
        qsort(out.items, out.len, sizeof *out.items, cmp_access);
    p->accs = out.len ? fl_arena_memdup(b->A, out.items, out.len * sizeof *out.items) : NULL;
    p->naccs = (uint32_t)out.len;
    fl_vec_free(&out);
}

/* ---- putting it together ---- */

program *pg_build(const pg_unit *units, uint32_t nunits)
{
    uint32_t nev = 0, nfns = 0;
    for (uint32_t u = 0; u < nunits; u++) {
        nev += units[u].acc->nevents;
        nfns += units[u].tu->nfuncs;
    }
    if (!nev || !nfns)
        return NULL;
    fl_arena *A = fl_arena_new();
    program *p = FL_NEW(A, program);
    p->A = A;
    p->units = units;
    p->nunits = nunits;
    p->nfns = nfns;
    p->fns = FL_NEW_ARRAY(A, pg_fn, nfns);
    p->fn_base = FL_NEW_ARRAY(A, uint32_t, nunits + 1);
    for (uint32_t u = 0, id = 0; u < nunits; u++) {
        p->fn_base[u] = id;
        for (uint32_t i = 0; i < units[u].tu->nfuncs; i++)
            p->fns[id++] = (pg_fn){u, i};
    }
    p->callees = FL_NEW_ARRAY(A, uint32_t *, nfns);
    p->callee_weak = FL_NEW_ARRAY(A, uint8_t *, nfns);
    p->callee_site = FL_NEW_ARRAY(A, const ast_node **, nfns);
    p->ncallees = FL_NEW_ARRAY(A, uint32_t, nfns);
    p->called = FL_NEW_ARRAY(A, bool, nfns);
    p->opaque_lock = FL_NEW_ARRAY(A, bool, nfns);

    build b = {0};
    b.p = p;
    b.A = A;
    b.nw_fn = fl_bs_words(nfns);
    sym_build(&b.syms, units, nunits);
    build_slots(&b);
    build_calls(&b);
    int32_t **entry_of_event = FL_NEW_ARRAY(A, int32_t *, nunits);
    build_threads(&b, entry_of_event);
    b.nw_ent = fl_bs_words(p->nentries ? p->nentries : 1);
    if (!p->nentries) {
        free_slots(&b.sl);
        for (int i = 0; i < 17; i++)
            fl_vec_free(&b.by_arity[i]);
        fl_vec_free(&b.variadic);
        fl_vec_free(&b.targets);
        sym_free(&b.syms);
        pg_free(p);
        return NULL;
    }
    b.fn_events = fl_xcalloc(nfns, sizeof *b.fn_events);
    for (uint32_t u = 0; u < nunits; u++)
        for (uint32_t e = 0; e < units[u].acc->nevents; e++) {
            ev_ref r = {u, e};
            fl_vec_push(&b.fn_events[pg_id(p, u, units[u].acc->events[e].fn)], r);
        }
    build_event_entries(&b, entry_of_event);
    /* which entry runs a spawn of which */
    p->starts_entry = FL_NEW_ARRAY(A, bool, (size_t)p->nentries * p->nentries + 1);
    for (uint32_t u = 0; u < nunits; u++)
        for (uint32_t e = 0; e < units[u].acc->nevents; e++) {
            uint32_t f = pg_id(p, u, units[u].acc->events[e].fn);
            for (uint32_t m = 0; m < p->nentries; m++)
                if (fl_bs_test(p->threads[m].reach, f))
                    for (uint32_t k = 0; k < p->nentries; k++)
                        if (fl_bs_test(p->ev_entries[u][e], k))
                            p->starts_entry[(size_t)m * p->nentries + k] = true;
        }
    build_joined(&b, entry_of_event);
    build_par(&b);
    build_order(&b, entry_of_event, false);
    build_order(&b, entry_of_event, true);
    for (uint32_t id = 0; id < nfns; id++) {
        const pg_fn *f = &p->fns[id];
        p->opaque_lock[id] = units[f->unit].acc->fns[f->index].opaque_lock;
    }
    p->uses_sync = FL_NEW_ARRAY(A, bool, p->nthreads + 1);
    for (uint32_t k = 0; k < p->nthreads; k++)
        for (uint32_t id = 0; id < nfns && !p->uses_sync[k]; id++) {
            const pg_fn *f = &p->fns[id];
            p->uses_sync[k] = units[f->unit].acc->fns[f->index].calls_sync && fl_bs_test(p->threads[k].reach, id);
        }
    build_call_table(&b, &p->calls);
    bool *root = thread_roots(&b);
    build_regions(&b, &p->calls, root);
    build_entry_locks(&b, &p->calls, root);
    build_accesses(&b, entry_of_event);
    build_key_via(&b);
    build_key_objs(&b, entry_of_event);
    for (uint32_t id = 0; id < nfns; id++)
        fl_vec_free(&b.fn_events[id]);
    free(b.fn_events);
    for (int i = 0; i < 17; i++)
        fl_vec_free(&b.by_arity[i]);
    fl_vec_free(&b.variadic);
    fl_vec_free(&b.targets);
    free_slots(&b.sl);
    sym_free(&b.syms);
    return p;
}

void pg_free(program *p)
{
    if (!p)
        return;
    fl_strmap_free(&p->key_ids);
    fl_arena_free(p->A);
}
