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
 */
#include <stdlib.h>
#include <string.h>

#include "../diag/diag.h"
#include "../facts/locks.h"
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
} ring_scan;

static void visit(void *data, const lock_fn *lf, const lock_event *ev, const fl_word *st)
{
    ring_scan *r = data;
    if (ev->kind != LEV_OP)
        return;
    const lock_site *s = &lf->sites[ev->arg];
    const lock_info *li = &lf->locks[s->lock];
    if (!lock_op_blocks(s->op) || !li->imprecise || li->soft || !locks_must_held(st, s->lock))
        return;
    uint32_t last[2];
    uint32_t nl = locks_last_sites(lf, st, s->lock, last, 2);
    if (nl != 1 || !lock_op_blocks(lf->sites[last[0]].op) || lf->sites[last[0]].call == s->call)
        return;
    const lock_site *s0 = &lf->sites[last[0]];
    fl_arena *A = r->ctx->arena;
    place a0, a1;
    const char *f0, *f1;
    ast_node *x0, *x1;
    ring_ix i0, i1;
    if (!element_arg(A, s0, &a0, &f0, &x0) || !element_arg(A, s, &a1, &f1, &x1) || !place_equal(a0, a1) ||
        strcmp(f0, f1) != 0 || !index_of(A, r->fn, r->defs, x0, &i0, 0) || !index_of(A, r->fn, r->defs, x1, &i1, 0))
        return;
    int dir = ring_step(i0, i1);
    if (!dir)
        return;
    for (uint32_t l = locks_next_h(lf, st, 0); l < lf->nlocks; l = locks_next_h(lf, st, l + 1))
        if (l != s->lock && locks_must_held(st, l))
            r->gated = true;
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

void lock_order_rings(check_ctx *ctx, lo_threads **threads)
{
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
        ring_scan r = {ctx, fn, cond_single_defs(ctx->arena, fn, lf->g), NULL, NULL, {NULL, NULL}, 0, false};
        locks_replay_all(lf, visit, &r);
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
        diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME,
                           "every thread running `%s` locks its element of `%s`, then its neighbour's: a potential "
                           "deadlock round the ring",
                           fn->name, place_str(ctx->arena, r.array));
        diag_primary(d, r.second->call->span, "the neighbour's element, locked while holding the first");
        diag_secondary(d, r.first->call->span, "this thread's own element, locked first");
        diag_note(d, "when every thread has taken its own element, each waits for the next one's, which the next "
                     "thread holds: all of them wait forever (the dining philosophers)");
        diag_help(d, "take the two elements in one global order (the lower index first), or let fewer threads than "
                     "elements try at once");
        diag_sink_add(ctx->sink, d);
    }
}
