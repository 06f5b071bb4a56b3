/* lock_order_ring.c - lock-order (FL0104), the ring shape: the dining philosophers. A function
 * that threads run at once locks an element of an array of locks and then its neighbour:
 *
 *     pthread_mutex_lock(&forks[i]);
 *     pthread_mutex_lock(&forks[(i + 1) % N]);
 *
 * With one thread per `i`, each can take its own element and wait for the next one's, which the
 * next thread holds: around the ring, all wait forever. The pair-wise orders of lock_order.c do not
 * see it (both locks are `forks[*]`, one class).
 *
 * Reported when, on every path to the second lock, the first is held; the two indexes are one
 * variable plus constants (through locals defined once: `int right = (id + 1) % N;`), one step
 * apart, and the step wraps round the array (a `% N`, without which the last thread's neighbour
 * is past the end and the chain has an end); the function takes every such pair in the same
 * direction (a philosopher who takes the other fork first breaks the ring); no other lock is
 * held around both (a gate), the function waits on no semaphore (a room for N - 1 of them); and
 * two threads of the program may run it at once (lock_order_threads.c).
 *
 * The ring through the threads' arguments: each spawn passes `&ph[i]`, whose fields are set
 * `ph[i].left = &forks[i]; ph[i].right = &forks[(i + 1) % N];` (one assignment each), and the
 * thread locks what `left` points to, then what `right` does (lock_order.c: lo_arg_orders).
 *
 * The transfer shape, read in the same walk: two elements by two indexes that are not one
 * variable (`lock(&acct[t->from]); lock(&acct[t->to]);`, or accounts picked at random), in a
 * function two threads may run at once. Two threads with the indexes the other way round each
 * hold one. Not when the function compares the indexes anywhere, or computes one by a comparison
 * (`MIN(from, to)`): that is how the lower one is locked first.
 */
#include <stdlib.h>
#include <string.h>

#include "../diag/diag.h"
#include "../facts/locks.h"
#include "../facts/threads.h"
#include "../facts/unit.h"
#include "../ir/cond.h"
#include "lock_order.h"

#define CHECK_NAME "lock-order"
#define CHECK_CODE "FL0104"

/* An index as a variable (or a field: `p->id`) plus a constant, perhaps taken modulo a
   constant. */
typedef struct ring_ix {
    place v;
    long off;
    long mod; /* 0: no `%` */
} ring_ix;

static bool literal_value(const ast_node *e, long *out)
{
    e = ast_strip_casts((ast_node *)e);
    if (!e || e->kind != AST_LITERAL || !e->name || e->name[0] < '0' || e->name[0] > '9')
        return false;
    char *end;
    *out = strtol(e->name, &end, 0);
    return strspn(end, "uUlL") == strlen(end);
}

/* e as v + k (mod m), through locals defined once; depth bounds the chain of definitions. */
static bool index_of(fl_arena *A, const ast_func *fn, ast_node *const *defs, ast_node *e, ring_ix *out, int depth)
{
    e = ast_strip_casts(e);
    long k;
    if (!e || depth > 8)
        return false;
    if (e->kind == AST_REF || e->kind == AST_MEMBER) {
        ast_node *d = cond_def_of(fn, defs, e);
        if (d && index_of(A, fn, defs, d, out, depth + 1))
            return true;
        *out = (ring_ix){place_of(A, e), 0, 0};
        return out->v.root != NULL;
    }
    if (e->kind != AST_BINARY || e->nkids != 2)
        return false;
    if (e->op == BIN_REM) {
        if (!literal_value(e->kids[1], &k) || k <= 1 || !index_of(A, fn, defs, e->kids[0], out, depth + 1) || out->mod)
            return false;
        out->mod = k;
        out->off = ((out->off % k) + k) % k;
        return true;
    }
    if (e->op != BIN_ADD && e->op != BIN_SUB)
        return false;
    ast_node *var_side = e->kids[0], *lit_side = e->kids[1];
    if (!literal_value(lit_side, &k)) {
        if (e->op != BIN_ADD || !literal_value(e->kids[0], &k))
            return false;
        var_side = e->kids[1];
    }
    if (!index_of(A, fn, defs, var_side, out, depth + 1) || out->mod)
        return false;
    out->off += e->op == BIN_ADD ? k : -k;
    return true;
}

/* The array element a lock call's argument names (`&forks[e]`, `&forks[e].mu`): the array's
   place, the fields after the element (*fields: "" or ".mu"), and e. */
static bool element_arg(fl_arena *A, const lock_site *s, place *arr, const char **fields, ast_node **ix)
{
    if (s->via_helper || s->call->kind != AST_CALL || s->call->nkids < 2)
        return false;
    ast_node *a = ast_strip_casts(s->call->kids[1]);
    if (!a || a->kind != AST_UNARY || a->op != UN_ADDR_OF || a->nkids != 1)
        return false;
    ast_node *el = ast_strip_parens(a->kids[0]);
    const char *path = "";
    for (int guard = 0; el && el->kind == AST_MEMBER && !(el->flags & AST_F_ARROW) && el->nkids == 1 && guard < 16;
         guard++) {
        path = fl_arena_sprintf(A, ".%s%s", el->name ? el->name : "?", path);
        el = ast_strip_parens(el->kids[0]);
    }
    if (!el || el->kind != AST_INDEX || el->nkids != 2)
        return false;
    *arr = place_of(A, el->kids[0]);
    *fields = path;
    *ix = el->kids[1];
    return arr->root != NULL;
}

/* +1 when b is a's next element round the ring, -1 when its previous one, 0 otherwise. */
static int ring_step(ring_ix a, ring_ix b)
{
    if (!place_equal(a.v, b.v) || (!a.mod && !b.mod) || (a.mod && b.mod && a.mod != b.mod))
        return 0;
    long m = a.mod ? a.mod : b.mod;
    long d = (((b.off - a.off) % m) + m) % m;
    return d == 1 ? 1 : d == m - 1 ? -1 : 0;
}

typedef struct ring_scan {
    check_ctx *ctx;
    const ast_func *fn;
    ast_node **defs;
    const lock_site *first, *second; /* the pair to report */
    place array;
    int dir;                          /* the direction of every pair seen; 2: both seen */
    bool gated;
    /* the transfer shape: two elements by two unrelated indexes */
    const lock_site *xfirst, *xsecond;
    ast_node *xi0, *xi1;              /* their index expressions */
    place xp0, xp1;                   /* ... as places, through locals defined once */
    place xarray;
    bool xgated;
} ring_scan;

static void visit(void *data, const lock_fn *lf, const lock_event *ev, const fl_word *st)
{
    ring_scan *r = data;
    if (ev->kind != LEV_OP)
        return;
    const lock_site *s = &lf->sites[ev->arg];
    const lock_info *li = &lf->locks[s->lock];
    if (!lock_site_blocks(s) || !li->imprecise || li->soft || !locks_must_held(st, s->lock))
        return;
    uint32_t last[2];
    uint32_t nl = locks_last_sites(lf, st, s->lock, last, 2);
    if (nl != 1 || !lock_site_blocks(&lf->sites[last[0]]) || lf->sites[last[0]].call == s->call)
        return;
    const lock_site *s0 = &lf->sites[last[0]];
    fl_arena *A = r->ctx->arena;
    place a0, a1;
    const char *f0, *f1;
    ast_node *x0, *x1;
    ring_ix i0, i1;
    if (!element_arg(A, s0, &a0, &f0, &x0) || !element_arg(A, s, &a1, &f1, &x1) || !place_equal(a0, a1) ||
        strcmp(f0, f1) != 0)
        return;
    if (!index_of(A, r->fn, r->defs, x0, &i0, 0) || !index_of(A, r->fn, r->defs, x1, &i1, 0) || !i0.v.root ||
        !i1.v.root) {
        /* not a variable plus constants (`rand() % n` behind a local): no ring, but the indexes
           as written may still be two unrelated ones */
        i0 = (ring_ix){place_of(A, ast_strip_casts(x0)), 0, 0};
        i1 = (ring_ix){place_of(A, ast_strip_casts(x1)), 0, 0};
        if (!i0.v.root || !i1.v.root || place_equal(i0.v, i1.v))
            return;
    }
    bool gated = false;
    for (uint32_t l = locks_next_h(lf, st, 0); l < lf->nlocks; l = locks_next_h(lf, st, l + 1))
        if (l != s->lock && locks_must_held(st, l))
            gated = true;
    if (!place_equal(i0.v, i1.v)) {
        if (!r->xfirst) {
            r->xfirst = s0;
            r->xsecond = s;
            r->xi0 = x0;
            r->xi1 = x1;
            r->xp0 = i0.v;
            r->xp1 = i1.v;
            r->xarray = a0;
        }
        r->xgated |= gated;
        return;
    }
    int dir = ring_step(i0, i1);
    if (!dir)
        return;
    r->gated |= gated;
    if (!r->first) {
        r->first = s0;
        r->second = s;
        r->array = a0;
        r->dir = dir;
    } else if (r->dir != dir) {
        r->dir = 2;
    }
}

static bool waits_on_semaphore(const cfg *g)
{
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const ast_node *n = g->blocks[bi].elems[i].node;
            if (n && n->kind == AST_CALL && n->name &&
                (strcmp(n->name, "sem_wait") == 0 || strcmp(n->name, "sem_timedwait") == 0))
                return true;
        }
    return false;
}

static bool is_min_max(const ast_node *x)
{
    return x->kind == AST_CALL && x->name &&
           (strstr(x->name, "min") || strstr(x->name, "max") || strstr(x->name, "MIN") || strstr(x->name, "MAX"));
}

static bool is_relational(const ast_node *x)
{
    return x->kind == AST_BINARY && x->op >= BIN_LT && x->op <= BIN_GE && x->nkids == 2;
}

/* The variables an expression names, through locals defined once (`int to = t->to;`): up to
   `max`, into out; false when there are more, when the walk is too deep, and when the index is
   computed by a comparison (`lo = a < b ? a : b`, `MIN(a, b)`): code that picks the lower one
   first. */
static bool index_vars(const ast_func *fn, ast_node *const *defs, const ast_node *e, const ast_var **out,
                       uint32_t *n, uint32_t max)
{
    const ast_node *stack[32];
    uint32_t ns = 0, steps = 0;
    stack[ns++] = e;
    while (ns) {
        const ast_node *x = stack[--ns];
        if (!x)
            continue;
        if (++steps > 64 || is_relational(x) || is_min_max(x))
            return false;
        if (x->kind == AST_REF && x->var) {
            bool have = false;
            for (uint32_t i = 0; i < *n; i++)
                have |= out[i] == x->var;
            if (!have) {
                if (*n == max)
                    return false;
                out[(*n)++] = x->var;
            }
            ast_node *d = cond_def_of(fn, defs, (ast_node *)x);
            if (d) {
                if (ns == 32)
                    return false;
                stack[ns++] = d;
            }
        }
        for (uint16_t k = 0; k < x->nkids; k++) {
            if (ns == 32)
                return false;
            stack[ns++] = x->kids[k];
        }
    }
    return true;
}

/* e names index k: one of its own variables (vs[k], those the other index is not made of too),
   or its place (`t->from`, where both indexes go through `t`). */
typedef struct ix_names {
    fl_arena *A;
    const ast_var *const *vs[2];
    uint32_t n[2];
    place p[2];
} ix_names;

static bool names_index(const ix_names *in, int k, const ast_node *e)
{
    for (uint32_t i = 0; i < in->n[k]; i++) {
        bool shared = false;
        for (uint32_t j = 0; j < in->n[1 - k]; j++)
            shared |= in->vs[1 - k][j] == in->vs[k][i];
        if (!shared && ast_mentions_var(e, in->vs[k][i]))
            return true;
    }
    const ast_node *stack[32];
    uint32_t ns = 0, steps = 0;
    stack[ns++] = e;
    while (ns && ++steps < 128) {
        const ast_node *x = stack[--ns];
        if (!x)
            continue;
        if (x->kind == AST_MEMBER && place_equal(place_of(in->A, (ast_node *)x), in->p[k]))
            return true;
        for (uint16_t c = 0; c < x->nkids && ns < 32; c++)
            stack[ns++] = x->kids[c];
    }
    return false;
}

/* The function compares or orders what the two indexes are made of: a `<`, `>`, `<=` or `>=`
   naming each (names_index), or a call whose name says min or max naming both (how code picks
   the lower index to lock first), anywhere in it. */
static bool orders_indexes(const cfg *g, const ix_names *in)
{
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        for (uint32_t i = 0; i <= b->nelems; i++) {
            const ast_node *root = i < b->nelems ? b->elems[i].node : b->cond;
            const ast_node *stack[32];
            uint32_t ns = 0, steps = 0;
            if (root)
                stack[ns++] = root;
            while (ns) {
                const ast_node *x = stack[--ns];
                if (!x || ++steps > 256)
                    break;
                if ((is_relational(x) || is_min_max(x)) && names_index(in, 0, x) && names_index(in, 1, x))
                    return true;
                for (uint16_t k = 0; k < x->nkids && ns < 32; k++)
                    stack[ns++] = x->kids[k];
            }
        }
    }
    return false;
}

/* How an index reads in a message: `t->to`, or `...` when it is not a place. */
static const char *index_text(fl_arena *A, ast_node *e)
{
    place p = place_of(A, ast_strip_casts(e));
    return p.root ? place_str(A, p) : "...";
}

/* The transfer shape: two elements of one lock array by two indexes that nothing relates
   (`lock(&acct[t->from]); lock(&acct[t->to]);`), in a function two threads may run at once. */
static void report_transfer(check_ctx *ctx, const ast_func *fn, const lock_fn *lf, const ring_scan *r,
                            lo_threads **threads)
{
    const ast_var *v0[8], *v1[8];
    uint32_t n0 = 0, n1 = 0;
    if (r->xgated || waits_on_semaphore(lf->g) || !index_vars(fn, r->defs, r->xi0, v0, &n0, 8) ||
        !index_vars(fn, r->defs, r->xi1, v1, &n1, 8))
        return;
    ix_names in = {ctx->arena, {v0, v1}, {n0, n1}, {r->xp0, r->xp1}};
    if (orders_indexes(lf->g, &in))
        return;
    if (!*threads)
        *threads = lo_threads_build(ctx);
    if (!lo_threads_may_overlap(ctx, *threads, fn, fn))
        return;
    fl_arena *A = ctx->arena;
    const char *arr = place_str(A, r->xarray), *i0 = index_text(A, r->xi0), *i1 = index_text(A, r->xi1);
    diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME,
                       "threads running `%s` lock two elements of `%s` in the order their indexes come: a potential "
                       "deadlock",
                       fn->name, arr);
    diag_primary(d, r->xsecond->call->span, "`%s[%s]` locked while holding `%s[%s]`", arr, i1, arr, i0);
    diag_secondary(d, r->xfirst->call->span, "`%s[%s]` locked first", arr, i0);
    diag_note(d, "two threads with the indexes the other way round (one's `%s` is the other's `%s`) each take "
                 "one element and wait for the other's: both wait forever",
              i0, i1);
    diag_note(d, "nothing in `%s` compares `%s` with `%s` to pick which element to lock first", fn->name, i0, i1);
    diag_help(d, "lock the lower index first, whichever way the indexes come (and only once when they are equal)");
    diag_sink_add(ctx->sink, d);
}

/* The ring's report, as every thread running fn takes its element of array arr and then the
   next; ring_close adds why it deadlocks and what to do, and emits it. `which` is how the first
   element is called: "own" (by the thread's index) or "first" (as its argument gives it). */
static diag *ring_diag(const ast_func *fn, const char *arr)
{
    return diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME,
                    "every thread running `%s` locks its element of `%s`, then its neighbour's: a potential deadlock "
                    "round the ring",
                    fn->name, arr);
}

static void ring_close(check_ctx *ctx, diag *d, const char *which)
{
    diag_note(d, "when every thread has taken its %s element, each waits for the next one's, which the next thread "
                 "holds: all of them wait forever (the dining philosophers)",
              which);
    diag_help(d, "take the two elements in one global order (the lower index first), or let fewer threads than "
                 "elements try at once");
    diag_sink_add(ctx->sink, d);
}

/* `v[i].field = &arr[e];`, the one such assignment in g: e, with *arr set to arr's place; else
   NULL. */
static ast_node *element_field_store(fl_arena *A, const cfg *g, const ast_var *v, const ast_var *i,
                                     const char *field, place *arr)
{
    uint32_t count;
    const ast_node *val = lo_field_store(g, v, i, field, &count);
    val = val ? ast_strip_casts((ast_node *)val) : NULL;
    const ast_node *obj = val && val->kind == AST_UNARY && val->op == UN_ADDR_OF && val->nkids == 1
                              ? ast_strip_parens(val->kids[0])
                              : NULL;
    if (!obj || obj->kind != AST_INDEX || obj->nkids != 2)
        return NULL;
    *arr = place_of(A, obj->kids[0]);
    return obj->kids[1];
}

/* The ring through the thread's argument: `p[i].left = &forks[i]; p[i].right = &forks[(i + 1) %
   N];` for each `&p[i]` a spawn passes, and the thread locks `*a->left`, then `*a->right`. */
static void rings_through_arguments(check_ctx *ctx, lo_threads **threads)
{
    const lock_unit *u = ctx->fx->locks;
    const ast_tu *tu = ctx->tu;
    fl_arena *A = ctx->arena;
    for (uint32_t f = 0; f < tu->nfuncs; f++) {
        const ast_func *fn = tu->funcs[f];
        const cfg *g = fn->in_main_file && fn->body ? ctx->cfgs[f] : NULL;
        ast_node **defs = NULL;
        for (uint32_t bi = 0; g && bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                const ast_node *n = g->blocks[bi].elems[i].node, *el;
                const ast_func *t = g->blocks[bi].elems[i].kind == CFG_EXPR ? lo_spawn_of(ctx, n, &el) : NULL;
                if (!t || el->kind != AST_INDEX || el->nkids != 2)
                    continue;
                const ast_node *base = ast_strip_parens(el->kids[0]), *ix = ast_strip_casts(el->kids[1]);
                const lock_fn *tlf = locks_unit_fn(u, t->index);
                if (!base || base->kind != AST_REF || !base->var || !ix || ix->kind != AST_REF || !ix->var || !tlf ||
                    !t->body || waits_on_semaphore(ctx->cfgs[t->index]))
                    continue;
                lo_arg_order items[4];
                uint32_t nitems = lo_arg_orders(A, tlf, t->params[0], items, 4);
                for (uint32_t k = 0; k < nitems; k++) {
                    place a0, a1;
                    ast_node *e0 = element_field_store(A, g, base->var, ix->var, items[k].f1, &a0);
                    ast_node *e1 = element_field_store(A, g, base->var, ix->var, items[k].f2, &a1);
                    ring_ix i0, i1;
                    if (!defs)
                        defs = cond_single_defs(A, fn, g);
                    if (items[k].gated || *items[k].rest || !e0 || !e1 || !a0.root || !place_equal(a0, a1) ||
                        !index_of(A, fn, defs, e0, &i0, 0) || !index_of(A, fn, defs, e1, &i1, 0) ||
                        !i0.v.root || i0.v.root != ix->var || !place_equal(i0.v, i1.v) || !ring_step(i0, i1))
                        continue;
                    if (!*threads)
                        *threads = lo_threads_build(ctx);
                    if (!lo_threads_may_overlap(ctx, *threads, t, t))
                        continue;
                    const char *arr = place_str(A, a0);
                    diag *d = ring_diag(t, arr);
                    diag_primary(d, items[k].taken->call->span, "what `%s` points to: the neighbour's element, locked "
                                 "while holding the first", items[k].f2);
                    diag_secondary(d, items[k].held->call->span, "what `%s` points to: this thread's own element, "
                                   "locked first", items[k].f1);
                    diag_note_at(d, n->span, "each thread started here is given `%s` and `%s`, elements next to each "
                                 "other round `%s`", items[k].f1, items[k].f2, arr);
                    ring_close(ctx, d, "first");
                    return;
                }
            }
    }
}

void lock_order_rings(check_ctx *ctx, lo_threads **threads)
{
    rings_through_arguments(ctx, threads);
    const lock_unit *u = ctx->fx->locks;
    if (!u)
        return;
    for (uint32_t f = 0; f < ctx->tu->nfuncs; f++) {
        const lock_fn *lf = locks_unit_fn(u, f);
        const ast_func *fn = ctx->tu->funcs[f];
        if (!lf || !fn->in_main_file)
            continue;
        bool any = false;
        for (uint32_t l = 0; l < lf->nlocks && !any; l++)
            any = lf->locks[l].imprecise;
        if (!any)
            continue;
        ring_scan r = {ctx, fn, cond_single_defs(ctx->arena, fn, lf->g), NULL, NULL, {NULL, NULL}, 0, false,
                       NULL, NULL, NULL, NULL, {NULL, NULL}, {NULL, NULL}, {NULL, NULL}, false};
        locks_replay_all(lf, visit, &r);
        if (r.xfirst && !r.first)
            report_transfer(ctx, fn, lf, &r, threads);
        if (!r.first || r.dir == 2 || r.gated || waits_on_semaphore(lf->g))
            continue;
        if (!*threads)
            *threads = lo_threads_build(ctx);
        if (!lo_threads_may_overlap(ctx, *threads, fn, fn)) {
            if (ctx->verbose) {
                diag *d = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                                   "not reporting a ring of locks in `%s`: no two threads of this program run it at "
                                   "once",
                                   fn->name);
                diag_primary(d, r.second->call->span, NULL);
                diag_sink_add(ctx->sink, d);
            }
            continue;
        }
        diag *d = ring_diag(fn, place_str(ctx->arena, r.array));
        diag_primary(d, r.second->call->span, "the neighbour's element, locked while holding the first");
        diag_secondary(d, r.first->call->span, "this thread's own element, locked first");
        ring_close(ctx, d, "own");
    }
}
