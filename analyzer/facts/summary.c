/* summary.c - what each function does with its parameters: spawns, joins, moves.
 *
 * For a definition, one walk over its CFG's calls finds
 *  - spawns (the thread API, or calls to functions already summarized as spawning) whose thread
 *    function, argument or handle comes from a parameter. The argument "comes from" a parameter
 *    when it is the parameter, a cast of it, fl_move of it, or a local every assignment of which
 *    is one of those (flow-insensitive, and only for parameters the function never reassigns).
 *    Where the handle goes decides sum_handle: through a parameter (`&w->tid` -> "*.tid") is
 *    PARAM, unless the function joins it on every path before returning; into a local, a small
 *    may-dataflow tells whether it is joined on every path (then the thread is over when the
 *    function returns: no spawn for callers: the same dataflow serves PARAM), else the local is
 *    returned (RETURNED), copied out through a parameter (PARAM), handed elsewhere (HIDDEN),
 *    joined on some paths only (nothing claimed: we cannot say), or dropped/detached (DETACHED);
 *    a global or heap handle is HIDDEN.
 *  - joins of a handle rooted at a parameter (SUMP_JOINS, with the path).
 *  - moves: a must-dataflow (intersection) over the CFG of "parameter p was passed to a moving
 *    argument", read at the exit: SUMP_MOVES on every path that returns, SUMP_FREES when freed
 *    on every such path, SUMP_MAY_MOVE when some reachable call moves it, SUMP_SENDS when some
 *    call sends it (FL_SENDS).
 *
 * Bottom-up: functions are visited in post-order of the unit's call graph (callees first), and a
 * function whose summary grows makes its callers dirty again, so recursion reaches a fixed point
 * (flags only grow; a handle kind that changes becomes HIDDEN, which cannot change again).
 *
 * Cost: a function is computed only when it contains a "seed" call (the thread API, free,
 * realloc, fl_move, an annotated callee) or calls a function whose summary changed; on code
 * without threads that is one scan of the calls of the functions that free something.
 */
#include "summary.h"

#include <string.h>

#include "../base/bitset.h"
#include "../base/graph.h"
#include "../base/strmap.h"
#include "../base/vec.h"
#include "../ir/cond.h"
#include "../ir/dataflow.h"
#include "../ir/place.h"
#include "channels.h"
#include "moves.h"
#include "threads.h"

#define SRC_UNSET (-1)
#define SRC_OTHER (-2)


typedef struct fstate {
    const ast_func *fn;
    const cfg *g;
    fn_summary *sum;       /* current result; NULL while empty */
    const fn_summary *ann; /* from the definition's own annotations, or NULL */
    fl_u32_vec callers;       /* functions (indices) whose bodies call this one */
    fl_u32_vec callees;       /* defined functions this one calls */
    bool seed, dirty;
} fstate;

typedef struct lspawn {
    ast_node *call;
    place hp;
} lspawn;

/* Per-function working state of one computation. */
typedef struct work {
    fl_arena *A;
    const sum_table *sums;
    cfg *const *cfgs;   /* the unit's, for the thread functions its spawns start */
    const ast_func *fn;
    const cfg *g;
    int32_t *src;       /* var index -> parameter index it copies, SRC_UNSET, SRC_OTHER */
    bool *passigned;    /* parameter reassigned or its address taken */
    uint16_t *flags;    /* result per parameter */
    const char **paths;
    sum_handle handle;
    bool any_handle;
    bool joins_any;
    /* Waits on a condition variable or semaphore, and whether one wakes a waiter after one of
       them: a queue's put or get (wait for room, add, signal), which waits for another thread's
       step, not for threads to finish; a wait with no wake after it may be for their end. */
    struct {
        fl_u32_vec b, i; /* block, element */
    } wait_at, wake_at;
    const char *site_api;
    fl_span site_span;
    /* local handles */
    lspawn *ls;
    uint32_t nls;
    /* what each block's calls do to them (lrun_prepare): acts[act_first[b] .. act_first[b + 1]) */
    struct lact *acts;
    uint32_t *act_first;
    ast_var **status;   /* status[k]: a local that receives spawn k's status, or NULL */
    fl_word *scratch;
    /* moves */
    bool *move_block;
} work;

/* ---- helpers ---------------------------------------------------------------------------- */

static bool is_thread_api_name(const char *n)
{
    if (n[0] == 'p')
        return strncmp(n, "pthread_", 8) == 0 &&
               (strcmp(n + 8, "create") == 0 || strcmp(n + 8, "join") == 0 || strcmp(n + 8, "detach") == 0 ||
                strcmp(n + 8, "tryjoin_np") == 0 || strcmp(n + 8, "timedjoin_np") == 0 ||
                strcmp(n + 8, "clockjoin_np") == 0);
    if (n[0] == 't')
        return strcmp(n, "thrd_create") == 0 || strcmp(n, "thrd_join") == 0 || strcmp(n, "thrd_detach") == 0;
    return false;
}

static bool is_barrier_wait(const char *n)
{
    return n && strcmp(n, "pthread_barrier_wait") == 0;
}

/* A wait for another thread's signal: a function that waits on a condition variable, a
   semaphore or a barrier may be waiting for threads to finish (fio's fio_idle_prof_stop waits
   until each detached profiling thread says it exited); for silence, it counts as joining: a
   barrier always, the others when no wake-up can follow them (wakes_after_wait). */
static bool is_thread_wait(const char *n)
{
    static const char *const names[] = {"sem_wait", "sem_timedwait", "sem_clockwait"};
    if (thr_is_cond_wait(n) || is_barrier_wait(n))
        return true;
    for (size_t i = 0; n && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(n, names[i]) == 0)
            return true;
    return false;
}

/* A call that can give a function something to summarize on its own. */
static bool seed_call(const sum_table *t, const ast_node *n)
{
    if (n->name) {
        const char *s = n->name;
        if (strcmp(s, "free") == 0 || strcmp(s, "realloc") == 0 || strcmp(s, "fl_move") == 0 ||
            is_thread_api_name(s) || is_thread_wait(s))
            return true;
    }
    const ast_callee *ce = n->callee;
    if (!ce)
        return false;
    if (sum_of(t, ce))
        return true;
    for (uint32_t i = 0; ce->param_flags && i < ce->nparams; i++)
        if (ce->param_flags[i])
            return true;
    return false;
}

static bool is_thread_handle_type(const ast_type *t)
{
    for (int depth = 0; t && depth < 16; depth++, t = t->inner) {
        if (t->name && (strcmp(t->name, "pthread_t") == 0 || strcmp(t->name, "thrd_t") == 0))
            return true;
        if (t->kind != TYPE_TYPEDEF)
            return false;
    }
    return false;
}

const fn_summary *sum_of(const sum_table *t, const ast_callee *c)
{
    if (!t || !c || c->index >= t->tu->ncallees || t->tu->callees[c->index] != c)
        return NULL;
    return t->of[c->index];
}

bool summary_empty(const fn_summary *s)
{
    if (s->handle != SUM_HANDLE_NONE || s->joins_any)
        return false;
    for (uint32_t i = 0; i < s->nparams; i++)
        if (s->param[i])
            return false;
    return true;
}

static fn_summary *new_summary(fl_arena *A, uint32_t np)
{
    fn_summary *s = FL_NEW(A, fn_summary);
    s->nparams = np;
    s->param = FL_NEW_ARRAY(A, uint16_t, np + 1);
    s->handle_path = FL_NEW_ARRAY(A, const char *, np + 1);
    return s;
}

/* The summary stated by a declaration's parameter annotations, or NULL when it says nothing. */
static fn_summary *from_annotations(fl_arena *A, const ast_callee *ce)
{
    if (!ce->param_flags || !ce->nparams)
        return NULL;
    fn_summary *s = new_summary(A, ce->nparams);
    bool handle_param = false, spawns = false;
    for (uint32_t i = 0; i < ce->nparams; i++) {
        uint16_t pf = ce->param_flags[i];
        uint16_t f = 0;
        if (pf & PARAM_THREAD_HANDLE) {
            f |= SUMP_SPAWN_HANDLE;
            s->handle_path[i] = "*";
            handle_param = true;
        }
        if (pf & PARAM_THREAD_FN)
            f |= SUMP_SPAWN_FN;
        if (pf & PARAM_THREAD_ARG)
            f |= (pf & (PARAM_MOVE | PARAM_SENDS)) ? SUMP_SPAWN_ARG_MOVED : SUMP_SPAWN_ARG;
        if (pf & PARAM_JOINS) {
            f |= SUMP_JOINS;
            s->joins_any = true;
            const ast_type *t = ce->param_types ? ce->param_types[i] : NULL;
            s->handle_path[i] = is_thread_handle_type(t) ? "" : "*";
        }
        if (pf & (PARAM_MOVE | PARAM_SENDS))
            f |= SUMP_MOVES;
        if (pf & PARAM_SENDS)
            f |= SUMP_SENDS;
        spawns |= (f & (SUMP_SPAWN_HANDLE | SUMP_SPAWN_FN | SUMP_SPAWN_ARG | SUMP_SPAWN_ARG_MOVED)) != 0;
        s->param[i] = f;
    }
    if (spawns)
        s->handle = handle_param ? SUM_HANDLE_PARAM
                    : is_thread_handle_type(ce->result) ? SUM_HANDLE_RETURNED
                                                        : SUM_HANDLE_HIDDEN;
    s->from_annotations = true;
    return summary_empty(s) ? NULL : s;
}

/* ---- where values come from -------------------------------------------------------------- */

/* A member of a local union (`f.out`): the union, whose members all hold the one value stored
   last (libuv's `f.in = entry; pthread_create(..., f.out, arg)` converts the function's type
   that way). Else NULL. */
static ast_node *union_of_member(ast_node *e)
{
    if (!e || e->kind != AST_MEMBER || (e->flags & AST_F_ARROW) || !e->nkids)
        return NULL;
    ast_node *u = ast_strip_parens(e->kids[0]);
    const ast_type *t = u && u->kind == AST_REF && u->var ? ast_type_strip(u->var->type) : NULL;
    return t && t->kind == TYPE_RECORD && (t->flags & TYPE_F_UNION) && u->var->storage == STORAGE_LOCAL ? u : NULL;
}

static int32_t derive(const work *w, ast_node *e)
{
    e = ast_strip_casts(e);
    if (e && e->kind == AST_CALL && e->name && strcmp(e->name, "fl_move") == 0 && e->nkids == 2)
        e = ast_strip_casts(e->kids[1]);
    if (union_of_member(e))
        e = union_of_member(e);
    if (!e || e->kind != AST_REF || !e->var)
        return SRC_OTHER;
    const ast_var *v = e->var;
    if ((v->storage != STORAGE_LOCAL && v->storage != STORAGE_PARAM) || v->index >= w->fn->nvars ||
        w->fn->vars[v->index] != v)
        return SRC_OTHER;
    int32_t s = w->src[v->index];
    return s >= 0 && !w->passigned[s] ? s : SRC_OTHER;
}

static void set_src(work *w, ast_var *v, int32_t s)
{
    if (!v || v->storage != STORAGE_LOCAL || v->index >= w->fn->nvars)
        return;
    int32_t *cur = &w->src[v->index];
    if (*cur == SRC_UNSET)
        *cur = s < 0 ? SRC_OTHER : s;
    else if (*cur != s)
        *cur = SRC_OTHER;
}

static int32_t param_of(const work *w, const ast_var *v)
{
    if (!v || v->storage != STORAGE_PARAM || v->index >= w->fn->nparams || w->fn->params[v->index] != v)
        return -1;
    return (int32_t)v->index;
}

/* Which locals copy a parameter, and which parameters are reassigned (then they no longer hold
   what the caller passed, and we claim nothing about them). */
static void scan_sources(work *w)
{
    const cfg *g = w->g;
    for (uint32_t r = 0; r < g->nrpo; r++) {
        const cfg_block *b = &g->blocks[g->rpo[r]];
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            ast_node *n = el->node;
            if (el->kind == CFG_DECL) {
                if (n && n->nkids && n->kids[0])
                    set_src(w, el->var, derive(w, n->kids[0]));
                continue;
            }
            if (el->kind != CFG_EXPR || !n)
                continue;
            if (n->kind == AST_BINARY && n->op >= BIN_ASSIGN && n->op <= BIN_OR_ASSIGN) {
                ast_node *l = ast_strip_parens(n->kids[0]);
                if (union_of_member(l))
                    l = union_of_member(l);
                if (l->kind != AST_REF)
                    continue;
                int32_t p = param_of(w, l->var);
                if (p >= 0)
                    w->passigned[p] = true;
                else
                    set_src(w, l->var, n->op == BIN_ASSIGN ? derive(w, n->kids[1]) : SRC_OTHER);
            } else if (n->kind == AST_UNARY && n->op != UN_DEREF && n->op != UN_PLUS && n->op != UN_MINUS &&
                       n->op != UN_NOT && n->op != UN_LNOT) {
                /* ++p, p--, &p */
                ast_node *o = ast_strip_parens(n->kids[0]);
                if (o && o->kind == AST_REF) {
                    int32_t p = param_of(w, o->var);
                    if (p >= 0)
                        w->passigned[p] = true;
                    else
                        set_src(w, o->var, SRC_OTHER);
                }
            }
        }
    }
}

/* ---- spawns and joins --------------------------------------------------------------------- */

/* A spawn of a trampoline (threads.h) given a local object whose function and argument fields
   this function fills from its parameters (`aux->start = start; aux->arg = arg;`): those
   parameters are the thread's function and argument. */
static void trampoline_params(work *w, const thr_call *tc, int32_t *fnp, int32_t *argp)
{
    ast_node *f = ast_strip_casts(tc->func);
    if (f && f->kind == AST_UNARY && f->op == UN_ADDR_OF)
        f = ast_strip_casts(f->kids[0]);
    const ast_func *t = f && f->kind == AST_REF && f->callee ? f->callee->def : NULL;
    ast_node *a = ast_strip_casts(tc->arg);
    if (!t || !w->cfgs || t->index >= w->sums->tu->nfuncs || !a || a->kind != AST_REF || !a->var)
        return;
    const char *ff, *af;
    if (!thr_trampoline(w->A, t, w->cfgs[t->index], &ff, &af))
        return;
    const cfg *g = w->g;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const ast_node *n = g->blocks[bi].elems[i].node;
            if (g->blocks[bi].elems[i].kind != CFG_EXPR || !n || n->kind != AST_BINARY || n->op != BIN_ASSIGN)
                continue;
            ast_node *l = ast_strip_parens(n->kids[0]);
            if (!l || l->kind != AST_MEMBER || !(l->flags & AST_F_ARROW) || !l->name || !l->nkids)
                continue;
            ast_node *base = ast_strip_casts(l->kids[0]);
            if (!base || base->kind != AST_REF || base->var != a->var)
                continue;
            int32_t p = derive(w, n->kids[1]);
            if (p < 0)
                continue;
            if (strcmp(l->name, ff) == 0)
                *fnp = p;
            else if (strcmp(l->name, af) == 0)
                *argp = p;
        }
}

/* The handle place a spawn stores to, in this function's terms. */
static place spawn_handle_place(work *w, const thr_call *tc, const cfg_block *b, uint32_t at, ast_node *call,
                                bool *dropped)
{
    *dropped = false;
    if (!tc->via_wrapper)
        return thr_compose_path(w->A, tc->handle, "*");
    if (tc->handle_kind == THR_HANDLE_PTR)
        return thr_handle_place(w->A, tc);
    if (tc->handle_kind == THR_HANDLE_RESULT) {
        place p = cond_result_place(w->A, b, at, call); /* `pthread_t t = xspawn(...)` */
        *dropped = p.root == NULL; /* `xspawn(fn, arg);` as a statement: nobody can join it */
        return p;
    }
    *dropped = tc->handle_kind == THR_HANDLE_DETACHED;
    return (place){NULL, NULL};
}

static void merge_handle(work *w, sum_handle h)
{
    if (!w->any_handle || w->handle == SUM_HANDLE_NONE)
        w->handle = h;
    else if (w->handle != h)
        w->handle = SUM_HANDLE_HIDDEN;
    w->any_handle = true;
}

/* Local handle places for which the may-running dataflow decides. */
static int32_t lspawn_of(const work *w, const ast_node *call)
{
    for (uint32_t k = 0; k < w->nls; k++)
        if (w->ls[k].call == call)
            return (int32_t)k;
    return -1;
}

/* What one call does to the local handles: starts spawn `k` (mask NULL), or joins those of
   `mask`. */
typedef struct lact {
    int32_t k;
    const fl_word *mask;
} lact;

/* The calls' effects, found once for the dataflow's many visits of each block; the joins of one
   handle share one mask (a function that spawns and joins through one `t` N times costs N
   steps, not N squared). */
static void lrun_prepare(work *w, const cfg *g)
{
    FL_VEC(lact) acts = {0};
    fl_strmap memo = {0};
    FL_VEC(const fl_word *) masks = {0};
    uint32_t nw = fl_bs_words(w->nls ? w->nls : 1);
    /* the spawns by call: lspawn_of is a scan */
    fl_strmap spawn_at = {0};
    for (uint32_t k = 0; k < w->nls; k++)
        fl_strmap_put(&spawn_at, fl_arena_sprintf(w->A, "%p", (const void *)w->ls[k].call), k);
    w->act_first = FL_NEW_ARRAY(w->A, uint32_t, g->nblocks + 1);
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        w->act_first[bi] = (uint32_t)acts.len;
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            if (el->kind != CFG_EXPR || el->node->kind != AST_CALL)
                continue;
            uint32_t k;
            if (fl_strmap_get(&spawn_at, fl_arena_sprintf(w->A, "%p", (const void *)el->node), &k)) {
                lact a = {(int32_t)k, NULL};
                fl_vec_push(&acts, a);
                continue;
            }
            thr_call tc = thr_classify(w->sums, el->node);
            if (tc.kind != THR_JOIN)
                continue;
            place jp = thr_handle_place(w->A, &tc);
            const char *key = jp.root ? fl_arena_sprintf(w->A, "%p|%s", (void *)jp.root, jp.path) : "?";
            uint32_t m;
            if (!fl_strmap_get(&memo, key, &m)) {
                fl_word *mask = FL_NEW_ARRAY(w->A, fl_word, nw);
                for (uint32_t j = 0; j < w->nls; j++)
                    if (!jp.root || place_may_alias(jp, w->ls[j].hp))
                        fl_bs_set(mask, j); /* a join we cannot name may be this one: assume it is */
                m = (uint32_t)masks.len;
                fl_vec_push(&masks, mask);
                fl_strmap_put(&memo, key, m);
            }
            lact a = {-1, masks.items[m]};
            fl_vec_push(&acts, a);
        }
    }
    w->act_first[g->nblocks] = (uint32_t)acts.len;
    w->acts = acts.len ? fl_arena_memdup(w->A, acts.items, acts.len * sizeof *acts.items) : NULL;
    fl_vec_free(&acts);
    fl_vec_free(&masks);
    fl_strmap_free(&memo);
    fl_strmap_free(&spawn_at);
}

static void lrun_transfer(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)g;
    work *w = ctx;
    uint32_t nw = fl_bs_words(w->nls ? w->nls : 1);
    for (uint32_t i = w->act_first[b->id]; i < w->act_first[b->id + 1]; i++) {
        const lact *a = &w->acts[i];
        if (!a->mask)
            fl_bs_set(st, (uint32_t)a->k);
        else
            for (uint32_t k = 0; k < nw; k++)
                st[k] &= ~a->mask[k];
    }
}

/* On the branch where a spawn's status says it failed, its thread does not exist. Tests of the
   call itself (`if (pthread_create(...))`, `if ((rc = pthread_create(...)) != 0)`) and of a
   local that received the status (`rc = pthread_create(...); if (rc)`). */
static void lrun_edge(void *ctx, const cfg *g, const cfg_block *b, uint32_t succ, fl_word *st)
{
    (void)g;
    work *w = ctx;
    if (!b->cond || b->nsuccs != 2)
        return;
    /* Unlike cond_tested_value, an assignment is always followed to its right-hand side:
       `(err = rc)` tests the status variable rc. */
    bool true_means_zero = false;
    ast_node *c = b->cond;
    for (;;) {
        c = cond_strip_zero_tests(c, &true_means_zero);
        if (!c)
            return;
        if (c->kind != AST_BINARY || c->op != BIN_ASSIGN)
            break;
        c = c->kids[1];
    }
    if ((succ == 0) == true_means_zero) /* act only on the edge where the status is non-zero */
        return;
    if (c->kind == AST_CALL) {
        int32_t k = lspawn_of(w, c);
        if (k >= 0)
            fl_bs_clear(st, (uint32_t)k);
        return;
    }
    if (c->kind != AST_REF || !c->var)
        return;
    for (uint32_t k = 0; k < w->nls; k++)
        if (w->status[k] == c->var)
            fl_bs_clear(st, k);
}

/* The locals that receive a local spawn's status (`int rc = pthread_create(...)`). */
static void find_status_vars(work *w)
{
    w->status = FL_NEW_ARRAY(w->A, ast_var *, w->nls);
    const cfg *g = w->g;
    for (uint32_t r = 0; r < g->nrpo; r++) {
        const cfg_block *b = &g->blocks[g->rpo[r]];
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            ast_var *v;
            ast_node *val = cond_stored_value(el, &v);
            int32_t k = val ? lspawn_of(w, ast_strip_casts(val)) : -1;
            if (k >= 0 && v && v->storage == STORAGE_LOCAL)
                w->status[k] = v;
        }
    }
}

typedef enum local_fate { FATE_JOINED, FATE_RETURNED, FATE_OUT, FATE_HIDDEN, FATE_UNSURE, FATE_DROPPED } local_fate;

/* What becomes of local handle k that is not joined on every path. */
static local_fate local_handle_fate(work *w, uint32_t k, const char **out_path, int32_t *out_param)
{
    place hp = w->ls[k].hp;
    bool joined_somewhere = false;
    const cfg *g = w->g;
    for (uint32_t r = 0; r < g->nrpo; r++) {
        const cfg_block *b = &g->blocks[g->rpo[r]];
        if (b->term && b->term->kind == AST_RETURN && b->term->nkids &&
            place_equal(place_of(w->A, b->term->kids[0]), hp))
            return FATE_RETURNED;
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            ast_node *n = el->node;
            if (el->kind == CFG_DECL && n && n->nkids && place_may_alias(place_of(w->A, n->kids[0]), hp))
                return FATE_HIDDEN; /* copied into another local: we do not follow it */
            if (el->kind != CFG_EXPR)
                continue;
            if (n->kind == AST_BINARY && n->op == BIN_ASSIGN && place_may_alias(place_of(w->A, n->kids[1]), hp)) {
                place to = place_of(w->A, n->kids[0]);
                int32_t p = param_of(w, to.root);
                if (p >= 0 && to.path[0] == '*') {
                    *out_param = p;
                    *out_path = to.path;
                    return FATE_OUT;
                }
                return FATE_HIDDEN;
            }
            if (n->kind != AST_CALL || n == w->ls[k].call)
                continue;
            thr_call tc = thr_classify(w->sums, n);
            if (tc.kind == THR_JOIN) {
                joined_somewhere |= place_may_alias(thr_handle_place(w->A, &tc), hp);
                continue;
            }
            if (tc.kind == THR_DETACH)
                continue;
            for (uint16_t a = 1; a < n->nkids; a++) {
                ast_node *x = ast_strip_casts(n->kids[a]);
                if (x && x->kind == AST_UNARY && x->op == UN_ADDR_OF)
                    x = x->kids[0];
                place xp = place_of(w->A, x);
                if (xp.root == hp.root && hp.root)
                    return FATE_HIDDEN; /* handed to a call that may keep or join it */
            }
        }
    }
    return joined_somewhere ? FATE_UNSURE : FATE_DROPPED;
}

typedef struct pending {
    int32_t fnp, argp;
    bool moved;
    int32_t handle_param;
    const char *handle_path;
    sum_handle kind;
    int32_t local; /* index in w->ls, or -1 */
    const char *site_api; /* the thread API call that starts the thread */
    fl_span site_span;
} pending;

typedef FL_VEC(pending) pending_vec;
typedef FL_VEC(lspawn) lspawn_vec;

static void apply_spawn(work *w, const pending *p)
{
    if (p->fnp < 0 && p->argp < 0 && p->kind != SUM_HANDLE_PARAM)
        return; /* nothing of the caller's reaches this thread */
    if (p->fnp >= 0)
        w->flags[p->fnp] |= SUMP_SPAWN_FN;
    if (p->argp >= 0)
        w->flags[p->argp] |= p->moved ? SUMP_SPAWN_ARG_MOVED : SUMP_SPAWN_ARG;
    if (p->kind == SUM_HANDLE_PARAM) {
        w->flags[p->handle_param] |= SUMP_SPAWN_HANDLE;
        if (!w->paths[p->handle_param])
            w->paths[p->handle_param] = p->handle_path;
    }
    merge_handle(w, p->kind);
    if (!w->site_api) {
        w->site_api = p->site_api;
        w->site_span = p->site_span;
    }
}

static void site_push(fl_u32_vec *blocks, fl_u32_vec *elems, uint32_t b, uint32_t i)
{
    fl_vec_push(blocks, b);
    fl_vec_push(elems, i);
}

/* Does the loop around a wait only wait for pointers to be set (`while (q->head == NULL)`,
   `while (!done_list && !reply)`)? Such a wait is for data another thread hands over, not for
   that thread's end, which a count or a flag tells (`while (p->alive > 0)`, `while
   (!t->exited)`), or a list of workers emptied as they leave (`while (p->workers != NULL)`). */
static bool waits_for_data(const ast_node *loop)
{
    const ast_node *c = ast_loop_cond(loop);
    const ast_node *stack[16];
    uint32_t n = 0;
    bool any = false;
    if (c)
        stack[n++] = c;
    while (n) {
        const ast_node *e = ast_strip_casts((ast_node *)stack[--n]);
        if (!e)
            return false;
        if (e->kind == AST_BINARY && (e->op == BIN_LAND || e->op == BIN_LOR) && e->nkids == 2 && n + 2 <= 16) {
            stack[n++] = e->kids[0];
            stack[n++] = e->kids[1];
            continue;
        }
        bool while_zero = false;
        e = cond_strip_zero_tests((ast_node *)e, &while_zero);
        /* (not while a pointer is set: perhaps for a list to empty) */
        if (!e || !while_zero || !(e->ty & TY_POINTER))
            return false;
        any = true;
    }
    return any;
}

/* Does a wake (w->wake_at) come after a wait (w->wait_at) on some path of g? */
static bool wakes_after_wait(const work *w)
{
    if (!w->wait_at.b.len || !w->wake_at.b.len)
        return false;
    cfg_after a = cfg_after_sites(w->A, w->g, w->wait_at.b.items, w->wait_at.i.items, (uint32_t)w->wait_at.b.len);
    for (size_t k = 0; k < w->wake_at.b.len; k++) {
        uint32_t b = w->wake_at.b.items[k];
        /* not a wake inside a wait's own loop (`while (p->alive) { broadcast(&p->work);
           wait(&p->done); }` waits for the workers to finish, waking them again meanwhile) */
        bool in_wait_loop = false;
        for (size_t j = 0; j < w->wait_at.b.len && !in_wait_loop; j++)
            in_wait_loop = w->g->blocks[b].loop && w->g->blocks[w->wait_at.b.items[j]].loop == w->g->blocks[b].loop;
        if (!in_wait_loop && cfg_is_after(&a, b, w->wake_at.i.items[k]))
            return true;
    }
    return false;
}

static void spawns_and_joins(work *w)
{
    const cfg *g = w->g;
    pending_vec pend = {0};
    lspawn_vec ls = {0};
    for (uint32_t r = 0; r < g->nrpo; r++) {
        const cfg_block *b = &g->blocks[g->rpo[r]];
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            if (el->kind != CFG_EXPR || el->node->kind != AST_CALL)
                continue;
            ast_node *n = el->node;
            thr_call tc = thr_classify(w->sums, n);
            const fn_summary *cs = sum_of(w->sums, n->callee);
            if (tc.kind == THR_JOIN || (cs && cs->joins_any) || is_barrier_wait(n->name))
                w->joins_any = true;
            else if (is_thread_wait(n->name) && !waits_for_data(b->loop))
                site_push(&w->wait_at.b, &w->wait_at.i, b->id, i);
            else if (thr_is_cond_signal(n->name) || (n->name && strcmp(n->name, "sem_post") == 0))
                site_push(&w->wake_at.b, &w->wake_at.i, b->id, i);
            if (tc.kind == THR_JOIN) {
                place jp = thr_handle_place(w->A, &tc);
                int32_t p = param_of(w, jp.root);
                if (p >= 0 && !w->passigned[p]) {
                    w->flags[p] |= SUMP_JOINS;
                    if (!w->paths[p])
                        w->paths[p] = jp.path;
                }
                continue;
            }
            if (tc.kind != THR_SPAWN)
                continue;
            pending pd = {-1, -1, false, -1, NULL, SUM_HANDLE_HIDDEN, -1, tc.api, n->span};
            if (tc.via_wrapper) {
                const fn_summary *cs = sum_of(w->sums, n->callee);
                pd.site_api = cs ? cs->spawn_api : NULL;
                pd.site_span = cs ? cs->spawn_span : fl_span_none();
            }
            pd.fnp = tc.func ? derive(w, tc.func) : -1;
            pd.argp = tc.arg ? derive(w, tc.arg) : -1;
            if (pd.fnp < 0 && !tc.via_wrapper)
                trampoline_params(w, &tc, &pd.fnp, &pd.argp);
            if (pd.fnp < 0)
                pd.fnp = -1;
            if (pd.argp < 0)
                pd.argp = -1;
            pd.moved = tc.moved || (pd.argp >= 0 && (w->fn->params[pd.argp]->param_flags & (PARAM_MOVE | PARAM_SENDS)));
            bool dropped;
            place hp = spawn_handle_place(w, &tc, b, i, n, &dropped);
            int32_t hpar = param_of(w, hp.root);
            if (dropped) {
                pd.kind = SUM_HANDLE_DETACHED;
            } else if (!hp.root) {
                pd.kind = SUM_HANDLE_HIDDEN;
            } else if (hpar >= 0 && hp.path[0] == '*' && !w->passigned[hpar]) {
                pd.kind = SUM_HANDLE_PARAM;
                pd.handle_param = hpar;
                pd.handle_path = hp.path;
                /* the caller's handle, unless the function joins it before returning (below) */
                lspawn l = {n, hp};
                pd.local = (int32_t)ls.len;
                fl_vec_push(&ls, l);
            } else if (ast_var_is_auto(hp.root) && !place_path_derefs(hp.path)) {
                lspawn l = {n, hp};
                pd.local = (int32_t)ls.len;
                fl_vec_push(&ls, l);
            } else {
                pd.kind = SUM_HANDLE_HIDDEN; /* a global, or the heap through a local pointer */
            }
            fl_vec_push(&pend, pd);
        }
    }
    if (ls.len) {
        /* Which local handles may still be running when the function returns. */
        w->ls = ls.items;
        w->nls = (uint32_t)ls.len;
        find_status_vars(w);
        lrun_prepare(w, g);
        df_problem p = {0};
        p.nbits = w->nls;
        p.ctx = w;
        p.transfer = lrun_transfer;
        p.edge = lrun_edge;
        df_result *res = df_run(w->A, g, &p);
        for (size_t k = 0; k < pend.len; k++) {
            pending *pd = &pend.items[k];
            if (pd->local < 0)
                continue;
            if (!res->reached[g->exit] || !fl_bs_test(df_in(res, g->exit), (uint32_t)pd->local)) {
                pd->kind = SUM_HANDLE_NONE; /* joined on every path: over when we return */
                continue;
            }
            if (pd->kind == SUM_HANDLE_PARAM)
                continue; /* the caller's handle, still running: the caller joins it */
            const char *path = NULL;
            int32_t par = -1;
            switch (local_handle_fate(w, (uint32_t)pd->local, &path, &par)) {
            case FATE_RETURNED:
                pd->kind = SUM_HANDLE_RETURNED;
                break;
            case FATE_OUT:
                pd->kind = SUM_HANDLE_PARAM;
                pd->handle_param = par;
                pd->handle_path = path;
                break;
            case FATE_HIDDEN:
                pd->kind = SUM_HANDLE_HIDDEN;
                break;
            case FATE_DROPPED:
                pd->kind = SUM_HANDLE_DETACHED;
                break;
            case FATE_UNSURE:
            case FATE_JOINED:
                pd->kind = SUM_HANDLE_NONE;
                break;
            }
        }
        w->ls = NULL;
        w->nls = 0;
    }
    for (size_t k = 0; k < pend.len; k++)
        if (pend.items[k].kind != SUM_HANDLE_NONE)
            apply_spawn(w, &pend.items[k]);
    fl_vec_free(&pend);
    fl_vec_free(&ls);
}

/* ---- moves -------------------------------------------------------------------------------- */

/* Apply the moves of call `n` to `st` (bit p: moved, bit np + p: freed); true if any. */
static bool call_moves(const work *w, ast_node *n, fl_word *st, uint16_t *may)
{
    bool any = false;
    uint32_t np = w->fn->nparams;
    for (uint32_t a = 0; a + 1 < n->nkids; a++) {
        move_kind mk = moves_call_arg(w->sums, n, a);
        if (mk == MOVE_NONE)
            continue;
        int32_t p = derive(w, n->kids[1 + a]);
        if (p < 0 || !(w->fn->params[p]->ty & TY_POINTER))
            continue;
        any = true;
        /* a push that may refuse keeps it with its caller there: the caller's own callers
           cannot tell from its result (facts/channels.h) */
        const sum_sender *snd = mk == MOVE_SENT ? chan_sender_of(w->sums, n->callee, a) : NULL;
        if (st && !(snd && snd->refuses)) {
            fl_bs_set(st, (uint32_t)p);
            if (mk == MOVE_FREED)
                fl_bs_set(st, np + (uint32_t)p);
        }
        if (may) {
            may[p] |= SUMP_MAY_MOVE;
            if (mk == MOVE_SENT)
                may[p] |= SUMP_SENDS;
        }
    }
    return any;
}

static void move_transfer(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)g;
    work *w = ctx;
    if (!w->move_block[b->id])
        return;
    for (uint32_t i = 0; i < b->nelems; i++)
        if (b->elems[i].kind == CFG_EXPR && b->elems[i].node->kind == AST_CALL)
            call_moves(w, b->elems[i].node, st, NULL);
}

/* On the branch where a parameter is NULL there is nothing to own: count it as moved there,
   so that `if (!p) return; ...; free(p);` frees p on every path (the destructor idiom). */
static void move_edge(void *ctx, const cfg *g, const cfg_block *b, uint32_t succ, fl_word *st)
{
    (void)g;
    work *w = ctx;
    if (!b->cond || b->nsuccs != 2)
        return;
    bool null_when_true = false;
    ast_node *c = cond_strip_zero_tests(b->cond, &null_when_true); /* not through assignments */
    if (!c)
        return;
    if (!(c->ty & TY_POINTER) || (succ == 0) != null_when_true)
        return;
    int32_t p = derive(w, c);
    if (p < 0 || c->kind != AST_REF)
        return;
    fl_bs_set(st, (uint32_t)p);
    fl_bs_set(st, w->fn->nparams + (uint32_t)p);
}

static void moves(work *w)
{
    const cfg *g = w->g;
    uint32_t np = w->fn->nparams;
    bool any = false;
    for (uint32_t r = 0; r < g->nrpo; r++) {
        const cfg_block *b = &g->blocks[g->rpo[r]];
        for (uint32_t i = 0; i < b->nelems; i++)
            if (b->elems[i].kind == CFG_EXPR && b->elems[i].node->kind == AST_CALL &&
                call_moves(w, b->elems[i].node, NULL, w->flags)) {
                if (!w->move_block)
                    w->move_block = FL_NEW_ARRAY(w->A, bool, g->nblocks);
                w->move_block[b->id] = true;
                any = true;
            }
    }
    if (!any)
        return;
    df_problem p = {0};
    p.nbits = 2 * np;
    p.intersect = true;
    p.ctx = w;
    p.transfer = move_transfer;
    p.edge = move_edge;
    df_result *res = df_run(w->A, g, &p);
    if (!res->reached[g->exit])
        return; /* never returns: nothing to say about "every path that returns" */
    const fl_word *at_exit = df_in(res, g->exit);
    for (uint32_t i = 0; i < np; i++) {
        if (fl_bs_test(at_exit, i))
            w->flags[i] |= SUMP_MOVES;
        if (fl_bs_test(at_exit, np + i))
            w->flags[i] |= SUMP_FREES;
    }
}

/* ---- driver ------------------------------------------------------------------------------- */

/* A definition's first summary: what its own annotations say. */
static fn_summary *first_summary(fl_arena *A, const fstate *fs)
{
    uint32_t np = fs->fn->nparams;
    fn_summary *s = new_summary(A, np);
    if (fs->ann) {
        memcpy(s->param, fs->ann->param, np * sizeof *s->param);
        memcpy(s->handle_path, fs->ann->handle_path, np * sizeof *s->handle_path);
        s->handle = fs->ann->handle;
    }
    return s;
}

/* Compute fs's summary from its body; true when it grew. */
static bool compute(fl_arena *A, const sum_table *sums, cfg *const *cfgs, fstate *fs)
{
    const ast_func *fn = fs->fn;
    uint32_t np = fn->nparams;
    work w = {0};
    w.A = A;
    w.sums = sums;
    w.cfgs = cfgs;
    w.fn = fn;
    w.g = fs->g;
    w.src = FL_NEW_ARRAY(A, int32_t, fn->nvars + 1);
    for (uint32_t i = 0; i < fn->nvars; i++)
        w.src[i] = i < np ? (int32_t)i : SRC_UNSET;
    w.passigned = FL_NEW_ARRAY(A, bool, np + 1);
    w.flags = FL_NEW_ARRAY(A, uint16_t, np + 1);
    w.paths = FL_NEW_ARRAY(A, const char *, np + 1);
    scan_sources(&w);
    spawns_and_joins(&w);
    moves(&w);

    fn_summary *s = fs->sum;
    bool fresh = false;
    if (!s) {
        s = first_summary(A, fs);
        fresh = true;
    }
    bool grew = false;
    for (uint32_t i = 0; i < np; i++) {
        uint16_t f = s->param[i] | w.flags[i];
        grew |= f != s->param[i];
        s->param[i] = f;
        if (!s->handle_path[i] && w.paths[i]) {
            s->handle_path[i] = w.paths[i];
            grew = true;
        }
    }
    bool waits_for_end = w.wait_at.b.len && !wakes_after_wait(&w);
    fl_vec_free(&w.wait_at.b);
    fl_vec_free(&w.wait_at.i);
    fl_vec_free(&w.wake_at.b);
    fl_vec_free(&w.wake_at.i);
    if ((w.joins_any || waits_for_end) && !s->joins_any) {
        s->joins_any = true;
        grew = true;
    }
    if (w.any_handle && w.handle != s->handle) {
        sum_handle h = s->handle == SUM_HANDLE_NONE ? w.handle : SUM_HANDLE_HIDDEN;
        grew |= h != s->handle;
        s->handle = h;
    }
    if (!s->spawn_api && w.site_api) {
        s->spawn_api = w.site_api;
        s->spawn_span = w.site_span;
    }
    if (fresh && summary_empty(s))
        return false;
    fs->sum = s;
    return grew || fresh;
}

static const uint32_t *callees_of(void *ctx, uint32_t v, uint32_t *n)
{
    const fstate *fs = ctx;
    *n = (uint32_t)fs[v].callees.len;
    return fs[v].callees.items;
}

fn_summary *summary_merge(fl_arena *arena, const fn_summary *a, const fn_summary *b)
{
    if (!a || !b) {
        const fn_summary *x = a ? a : b;
        return x ? fl_arena_memdup(arena, x, sizeof *x) : NULL;
    }
    uint32_t np = a->nparams > b->nparams ? a->nparams : b->nparams;
    fn_summary *s = new_summary(arena, np);
    for (uint32_t i = 0; i < np; i++) {
        s->param[i] = (i < a->nparams ? a->param[i] : 0) | (i < b->nparams ? b->param[i] : 0);
        s->handle_path[i] = i < a->nparams && a->handle_path[i] ? a->handle_path[i]
                            : i < b->nparams                    ? b->handle_path[i]
                                                                : NULL;
    }
    s->handle = a->handle == SUM_HANDLE_NONE   ? b->handle
                : b->handle == SUM_HANDLE_NONE ? a->handle
                : a->handle == b->handle       ? a->handle
                                               : SUM_HANDLE_HIDDEN;
    s->joins_any = a->joins_any || b->joins_any;
    s->from_annotations = a->from_annotations && b->from_annotations;
    s->spawn_api = a->spawn_api ? a->spawn_api : b->spawn_api;
    s->spawn_span = a->spawn_api ? a->spawn_span : b->spawn_span;
    return s;
}

/* Recompute the dirty functions of `order` (callees first) until nothing grows. */
static void settle(fl_arena *arena, sum_table *out, cfg *const *cfgs, fstate *fs, const fl_u32_vec *order)
{
    /* Flags only grow and a handle kind changes at most twice, so this ends; the bound is a
       safety net against a bug looping forever. */
    for (int pass = 0; pass < 64; pass++) {
        for (size_t k = 0; k < order->len; k++) {
            fstate *f = &fs[order->items[k]];
            if (!f->dirty)
                continue;
            f->dirty = false;
            if (!compute(arena, out, cfgs, f))
                continue;
            out->of[f->fn->self->index] = f->sum;
            for (size_t c = 0; c < f->callers.len; c++)
                fs[f->callers.items[c]].dirty = true;
        }
        /* callers come after their callees in `order`: only recursion leaves work */
        bool dirty = false;
        for (size_t k = 0; k < order->len && !dirty; k++)
            dirty = fs[order->items[k]].dirty;
        if (!dirty)
            break;
    }
}

void summary_compute(fl_arena *arena, const ast_tu *tu, cfg *const *cfgs, const fn_summary *const *imported,
                     sum_table *out)
{
    out->tu = tu;
    out->senders = NULL;
    out->nsenders = 0;
    out->of = FL_NEW_ARRAY(arena, const fn_summary *, tu->ncallees + 1);
    /* Prototypes (and definitions) whose annotations say what they do, and what other units
       computed for the functions this one only declares. */
    for (uint32_t i = 0; i < tu->ncallees; i++) {
        const ast_callee *ce = tu->callees[i];
        const fn_summary *ann = from_annotations(arena, ce);
        const fn_summary *imp = imported && !ce->def ? imported[i] : NULL;
        out->of[i] = imp ? summary_merge(arena, ann, imp) : ann;
    }
    uint32_t nf = tu->nfuncs;
    if (!cfgs || !nf)
        return;
    fstate *fs = FL_NEW_ARRAY(arena, fstate, nf);
    bool any_seed = false;
    for (uint32_t i = 0; i < nf; i++) {
        fs[i].fn = tu->funcs[i];
        fs[i].g = cfgs[i];
        fs[i].ann = tu->funcs[i]->self ? out->of[tu->funcs[i]->self->index] : NULL;
    }
    for (uint32_t i = 0; i < nf; i++) {
        const cfg *g = cfgs[i];
        if (!g || !fs[i].fn->self)
            continue;
        for (uint32_t bi = 0; bi < g->nblocks; bi++) {
            const cfg_block *b = &g->blocks[bi];
            for (uint32_t e = 0; e < b->nelems; e++) {
                const ast_node *n = b->elems[e].node;
                if (b->elems[e].kind != CFG_EXPR || n->kind != AST_CALL)
                    continue;
                if (!fs[i].seed && seed_call(out, n))
                    fs[i].seed = true;
                const ast_func *d = n->callee ? n->callee->def : NULL;
                if (d && d->index < nf && tu->funcs[d->index] == d && cfgs[d->index]) {
                    fl_u32_vec *cl = &fs[d->index].callers;
                    if (!cl->len || cl->items[cl->len - 1] != i)
                        fl_vec_push(cl, i);
                    fl_vec_push(&fs[i].callees, d->index);
                }
            }
        }
        fs[i].dirty = fs[i].seed;
        any_seed |= fs[i].seed;
    }
    if (any_seed) {
        fl_u32_vec order = {0};
        bool *visited = FL_NEW_ARRAY(arena, bool, nf);
        for (uint32_t i = 0; i < nf; i++)
            if (fs[i].g && fs[i].fn->self)
                fl_post_order(i, callees_of, fs, visited, &order);
        settle(arena, out, cfgs, fs, &order);
        /* Queues a thread empties and frees: their pushes send, which their callers inherit. */
        sum_sender *senders;
        uint32_t ns = chan_infer(arena, tu, cfgs, out, &senders);
        for (uint32_t k = 0; k < ns; k++) {
            fstate *f = &fs[senders[k].push->def->index];
            if (!f->sum)
                f->sum = first_summary(arena, f);
            f->sum->param[senders[k].param] |= SUMP_SENDS | SUMP_MOVES | SUMP_MAY_MOVE;
            out->of[f->fn->self->index] = f->sum;
            for (size_t c = 0; c < f->callers.len; c++)
                fs[f->callers.items[c]].dirty = true;
        }
        out->senders = senders;
        out->nsenders = ns;
        if (ns)
            settle(arena, out, cfgs, fs, &order);
        fl_vec_free(&order);
    }
    /* A summarized definition that says nothing is no summary. */
    for (uint32_t i = 0; i < nf; i++) {
        const ast_callee *ce = tu->funcs[i]->self;
        if (ce && fs[i].sum)
            out->of[ce->index] = summary_empty(fs[i].sum) ? NULL : fs[i].sum;
    }
    for (uint32_t i = 0; i < nf; i++) {
        fl_vec_free(&fs[i].callers);
        fl_vec_free(&fs[i].callees);
    }
}
