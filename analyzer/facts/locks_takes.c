/* locks_takes.c - the locks a call may take before it returns (see locks.h, lock_take).
 *
 * `lock(&a); take_b(); unlock(&a);` orders a before b when take_b locks b, and
 * `lock(&m); bump();` deadlocks when bump locks m: the lock checks see a function's own lock
 * operations, and through summaries the helpers that return with a lock held, but not the locks
 * a callee takes and gives back. Per function of the unit, the blocking acquires it makes and
 * those of the unit's functions it calls, each once, computed bottom-up over the unit's direct
 * calls (an explicit stack; a call back into a function being computed adds nothing). A lock
 * rooted at a parameter is carried into the caller's terms through the argument (`&A` and
 * "*.mu" give A.mu); one rooted at a local of the callee keeps only its class.
 */
#include "locks_impl.h"

#include <string.h>

#include "../base/vec.h"
#include "threads.h"

/* At most this many locks per function: enough for the checks, bounded for a lock-heavy unit. */
#define MAX_TAKES 16

typedef FL_VEC(lock_take) take_vec;

/* The callee's function index + 1 in the unit, or 0. */
static uint32_t fn_of_call(const lock_unit *u, const ast_node *call)
{
    const ast_callee *c = call && call->kind == AST_CALL ? call->callee : NULL;
    return c && c->index < u->tu->ncallees ? u->fn_of_callee[c->index] : 0;
}

/* t, taken by the function called by `call`, in the caller's terms. With the caller's CFG, an
   argument that is a local copy of a parameter or global (`struct pool *p = arg;` then
   `pool_stop(p)`, locks_copy_of) names what it copies, as the caller's own locks do. */
static lock_take compose(fl_arena *A, const ast_node *call, const ast_func *callee, lock_take t, const cfg *caller)
{
    ast_var *r = t.where.root;
    if (!r || r->storage != STORAGE_PARAM)
        return t; /* a global stays itself; nothing else was kept */
    t.where = (place){NULL, NULL};
    for (uint32_t k = 0; k < callee->nparams; k++)
        if (callee->params[k] == r && k + 1 < call->nkids) {
            place p = thr_compose_path(A, call->kids[1 + k], t.where_path);
            ast_var *orig = caller && p.root && p.root->storage == STORAGE_LOCAL && p.path && p.path[0] == '*'
                                ? locks_copy_of(caller, p.root)
                                : NULL;
            if (orig)
                p.root = orig;
            if (p.root && (p.root->storage == STORAGE_PARAM || p.root->storage == STORAGE_GLOBAL ||
                           p.root->storage == STORAGE_STATIC_LOCAL)) {
                t.where = p;
                t.where_path = p.root->storage == STORAGE_PARAM ? p.path : NULL;
                if (!t.cls) /* a lock given by pointer (`bump(&m)`): now the object is known */
                    t.cls = locks_lock_class(A, p);
            }
        }
    return t;
}

static bool same_take(const lock_take *a, const lock_take *b)
{
    if (!a->cls != !b->cls || (a->cls && strcmp(a->cls, b->cls) != 0))
        return false;
    if (!a->where.root || !b->where.root)
        return !a->where.root && !b->where.root;
    return place_equal(a->where, b->where);
}

static void add(take_vec *v, lock_take t)
{
    if (v->len >= MAX_TAKES)
        return;
    for (size_t i = 0; i < v->len; i++)
        if (same_take(&v->items[i], &t))
            return;
    fl_vec_push(v, t);
}

/* A lock the caller may hold (entry state unknown) is released on some path to this state. */
static bool released_callers(const lock_fn *lf, const fl_word *st)
{
    for (uint32_t l = 0; l < lf->nlocks; l++)
        if (lf->locks[l].entry_unknown && fl_bs_test(st, locks_bit_u(l)))
            return true;
    return false;
}

/* The function's own blocking acquires, each with the lock possibly still as the caller left
   it (the function has not released it on any path there: one that unlocks its caller's lock
   and takes it back, to wait, takes nothing from its caller's point of view). Sites are in
   block and element order: one cursor walk per block. */
static void own_takes(const lock_unit *u, uint32_t f, take_vec *v)
{
    const lock_fn *lf = u->fns[f];
    if (!lf)
        return;
    fl_word *st = FL_NEW_ARRAY(u->A, fl_word, lf->nwords + 1);
    locks_cursor c;
    uint32_t cur_block = UINT32_MAX;
    for (uint32_t s = 0; s < lf->nsites; s++) {
        const lock_site *site = &lf->sites[s];
        const lock_info *li = &lf->locks[site->lock];
        if (!lock_site_blocks(site) || li->soft || li->imprecise || !lf->df->reached[site->block])
            continue;
        /* taken only for one value of a parameter (`if (!locked) lock(&m);`): the caller says
           whether, and may say "I hold it" */
        if (lf->split_var && lf->split_var->storage == STORAGE_PARAM &&
            (!lf->split_view[0]->df->reached[site->block] || !lf->split_view[1]->df->reached[site->block]))
            continue;
        if (site->block != cur_block) {
            locks_cursor_start(&c, lf, site->block, st);
            cur_block = site->block;
        }
        locks_cursor_to(&c, site->elem);
        if (li->entry_unknown && fl_bs_test(st, locks_bit_u(site->lock)))
            continue;
        lock_take t = {li->cls, {NULL, NULL}, NULL, li->name, site, lf, released_callers(lf, st)};
        ast_var *r = li->where.root;
        if (r && (r->storage == STORAGE_GLOBAL || r->storage == STORAGE_STATIC_LOCAL || r->storage == STORAGE_PARAM)) {
            t.where = li->where;
            t.where_path = r->storage == STORAGE_PARAM ? li->where.path : NULL;
        }
        if (t.cls || t.where.root)
            add(v, t);
    }
}

void locks_compute_takes(lock_unit *u)
{
    const ast_tu *tu = u->tu;
    u->takes = FL_NEW_ARRAY(u->A, lock_take *, tu->nfuncs + 1);
    u->ntakes = FL_NEW_ARRAY(u->A, uint32_t, tu->nfuncs + 1);
    uint8_t *state = FL_NEW_ARRAY(u->A, uint8_t, tu->nfuncs + 1); /* 0 new, 1 open, 2 done */
    FL_VEC(uint32_t) stack = {0};
    take_vec v = {0};
    for (uint32_t root = 0; root < tu->nfuncs; root++) {
        if (state[root] || !u->cfgs[root])
            continue;
        fl_vec_push(&stack, root);
        while (stack.len) {
            uint32_t f = stack.items[stack.len - 1];
            const cfg *g = u->cfgs[f];
            if (state[f] == 0) {
                state[f] = 1;
                /* open its callees first */
                for (uint32_t bi = 0; g && bi < g->nblocks; bi++)
                    for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                        uint32_t c = fn_of_call(u, g->blocks[bi].elems[i].node);
                        if (c && !state[c - 1] && u->cfgs[c - 1])
                            fl_vec_push(&stack, c - 1);
                    }
                continue;
            }
            stack.len--;
            if (state[f] == 2)
                continue;
            state[f] = 2;
            v.len = 0;
            own_takes(u, f, &v);
            const lock_fn *lf = u->fns[f];
            fl_word *st = lf ? FL_NEW_ARRAY(u->A, fl_word, lf->nwords + 1) : NULL;
            for (uint32_t bi = 0; g && bi < g->nblocks; bi++) {
                locks_cursor cur;
                bool started = false;
                for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                    const ast_node *n = g->blocks[bi].elems[i].node;
                    uint32_t c = fn_of_call(u, n);
                    if (!c || c - 1 == f || !u->ntakes[c - 1])
                        continue;
                    if (lf && lf->df->reached[bi] && !started) {
                        locks_cursor_start(&cur, lf, bi, st);
                        started = true;
                    }
                    if (started)
                        locks_cursor_to(&cur, i);
                    for (uint32_t k = 0; k < u->ntakes[c - 1]; k++) {
                        lock_take t = compose(u->A, n, tu->funcs[c - 1], u->takes[c - 1][k], g);
                        /* a lock this function released before the call is not its caller's */
                        uint32_t l = lf ? locks_find(lf, t.where) : 0;
                        if (lf && l < lf->nlocks && (!started || fl_bs_test(st, locks_bit_u(l))))
                            continue;
                        t.after_release |= started && released_callers(lf, st);
                        add(&v, t);
                    }
                }
            }
            u->ntakes[f] = (uint32_t)v.len;
            u->takes[f] = v.len ? fl_arena_memdup(u->A, v.items, v.len * sizeof *v.items) : NULL;
        }
    }
    fl_vec_free(&stack);
    fl_vec_free(&v);
}

uint32_t locks_call_takes(const lock_unit *u, const ast_node *call, const cfg *caller, lock_take *out, uint32_t max)
{
    uint32_t c = fn_of_call(u, call);
    if (!c || !u->takes)
        return 0;
    uint32_t n = 0;
    for (uint32_t k = 0; k < u->ntakes[c - 1] && n < max; k++)
        out[n++] = compose(u->A, call, u->tu->funcs[c - 1], u->takes[c - 1][k], caller);
    return n;
}

const ast_func *locks_call_target(const lock_unit *u, const ast_node *call)
{
    uint32_t c = fn_of_call(u, call);
    return c ? u->tu->funcs[c - 1] : NULL;
}

bool locks_site_at(const lock_fn *lf, uint32_t block, uint32_t elem)
{
    uint32_t lo = 0, hi = lf->nsites;
    while (lo < hi) { /* sites are in block, then element, order */
        uint32_t mid = lo + (hi - lo) / 2;
        const lock_site *s = &lf->sites[mid];
        if (s->block < block || (s->block == block && s->elem < elem))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < lf->nsites && lf->sites[lo].block == block && lf->sites[lo].elem == elem;
}

void locks_each_taking_call(const lock_unit *u, const lock_fn *lf,
                            void (*visit)(void *ctx, const ast_node *call, const lock_take *t, uint32_t nt,
                                          const locks_cursor *c),
                            void *ctx)
{
    const cfg *g = lf->g;
    fl_word *st = NULL;
    lock_take t[MAX_TAKES];
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        if (!lf->df->reached[bi])
            continue;
        const cfg_block *b = &g->blocks[bi];
        locks_cursor c;
        bool started = false;
        for (uint32_t i = 0; i < b->nelems; i++) {
            const ast_node *n = b->elems[i].node;
            if (b->elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL || !fn_of_call(u, n) ||
                locks_site_at(lf, bi, i))
                continue;
            uint32_t nt = locks_call_takes(u, n, g, t, MAX_TAKES);
            if (!nt)
                continue;
            if (!started) {
                if (!st)
                    st = FL_NEW_ARRAY(u->A, fl_word, lf->nwords + 1);
                locks_cursor_start(&c, lf, bi, st);
                started = true;
            }
            locks_cursor_to(&c, i);
            visit(ctx, n, t, nt, &c);
        }
    }
}

uint32_t locks_fn_takes(const lock_unit *u, uint32_t func_index, lock_take *out, uint32_t max)
{
    if (!u->takes || func_index >= u->tu->nfuncs)
        return 0;
    uint32_t n = 0;
    for (uint32_t k = 0; k < u->ntakes[func_index] && n < max; k++)
        out[n++] = u->takes[func_index][k];
    return n;
}
