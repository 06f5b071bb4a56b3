/* running.c - which threads a function started may still be running (see running.h). */
#include "running.h"

#include <string.h>

#include "../base/strmap.h"
#include "../base/vec.h"
#include "../ir/cond.h"
#include "../ir/split.h"

typedef enum ev_kind {
    EV_SPAWN,    /* arg: the spawn: set R and A */
    EV_KILL,     /* clear R and A of the listed spawns */
    EV_KILL_ALL, /* clear every bit */
    EV_ARG_KILL, /* clear A of the listed spawns */
} ev_kind;

typedef struct run_ev {
    uint32_t elem;
    uint8_t kind;
    uint32_t arg;
    uint32_t *list;  /* spawn indices */
    uint32_t n;
    const fl_word *mask; /* EV_KILL of a join: the R and A bits of the listed spawns, shared by the
                            joins of one handle, cleared a word at a time (else the list is) */
} run_ev;

/* On the edge to successor `succ` of a block, clear the listed spawns. */
typedef struct edge_kill {
    uint32_t block, succ;
    uint32_t *list;
    uint32_t n;
    bool failure;         /* the branch on which the listed spawns failed */
} edge_kill;

typedef struct run_ext {
    run_fn pub;
    fl_arena *A;
    const ast_node **map_k; /* spawn call -> index, open addressing */
    uint32_t *map_v;
    uint32_t map_mask;
    run_ev *ev;           /* grouped by block, in element order */
    uint32_t *ev_first;   /* nblocks + 1 */
    edge_kill *ek;        /* sorted by block */
    uint32_t nek;
    uint32_t *ek_first;   /* nblocks + 1 */
} run_ext;

typedef FL_VEC(run_ev) ev_vec;
typedef FL_VEC(edge_kill) ek_vec;

/* Library functions that receive a handle (or run beside threads) without joining any. */
static bool harmless_call(const char *name)
{
    static const char *const names[] = {
        "printf", "fprintf", "dprintf", "snprintf", "sprintf", "puts", "fputs", "perror",
        "pthread_setname_np", "pthread_getname_np", "pthread_setaffinity_np",
        "pthread_getaffinity_np", "pthread_setschedparam", "pthread_getschedparam",
        "pthread_kill", "pthread_cancel", "pthread_equal", "pthread_getcpuclockid",
        "pthread_setschedprio", "thrd_equal", "memset", "memcpy", "strerror",
    };
    if (!name)
        return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

/* The place a spawn stores its thread's handle in: pthread_create's `&t`, a wrapper's handle
   argument composed with its path (`&w` + "*.tid" is w.tid), or for a wrapper that returns the
   handle the variable the call initializes or is assigned to (`pthread_t t = xspawn(...)`). */
static place spawn_handle(fl_arena *A, const thr_call *tc, const cfg_block *b, uint32_t at)
{
    if (!tc->via_wrapper || tc->handle_kind != THR_HANDLE_RESULT)
        return thr_handle_place(A, tc);
    return cond_result_place(A, b, at, b->elems[at].node);
}

/* A handle stored through a local pointer the function sets once to an object's address
   (`struct task *t = &tasks[i]; pthread_create(&t->thread, ...)`) is in that object
   (`tasks[i].thread`), where the joins name it. *defs: cond_single_defs, made on first need. */
static place through_address(fl_arena *A, const cfg *g, ast_node ***defs, place h)
{
    if (!h.root || h.root->storage != STORAGE_LOCAL || !(h.root->ty & TY_POINTER) || h.path[0] != '*' || !g->fn)
        return h;
    if (!*defs)
        *defs = cond_single_defs(A, g->fn, g);
    const ast_func *fn = g->fn;
    ast_node *def = h.root->index < fn->nvars && fn->vars[h.root->index] == h.root ? (*defs)[h.root->index] : NULL;
    def = ast_strip_casts(def);
    if (!def || def->kind != AST_UNARY || def->op != UN_ADDR_OF)
        return h;
    place q = place_of_pointee(A, def);
    if (!q.root || q.root == h.root || place_path_derefs(q.path))
        return h;
    return h.path[1] ? place_append(A, q, h.path + 1) : q;
}

static void arg_root(run_spawn *s)
{
    ast_node *a = thr_arg_object(s->tc.arg);
    if (!a)
        return;
    if (a->kind == AST_UNARY && a->op == UN_ADDR_OF && a->nkids == 1) {
        ast_node *lv = ast_strip_parens(a->kids[0]);
        while (lv && ((lv->kind == AST_MEMBER && !(lv->flags & AST_F_ARROW)) ||
                      (lv->kind == AST_INDEX && (ast_strip_casts(lv->kids[0])->ty & TY_ARRAY))))
            lv = ast_strip_parens(lv->kids[0]);
        if (lv && lv->kind == AST_REF && lv->var)
            s->arg_root = lv->var;
    } else if (a->kind == AST_REF && a->var && (a->var->ty & (TY_POINTER | TY_ARRAY))) {
        s->arg_root = a->var;
        s->arg_through_ptr = (a->var->ty & TY_POINTER) != 0;
    }
}

/* May a call to this callee join a thread? Not when its body (here or in another unit) is known
   and joins none. */
static bool callee_may_join(const run_ctx *rc, const ast_node *call)
{
    if (harmless_call(call->name))
        return false;
    const ast_callee *c = call->callee;
    if (!c)
        return true; /* through a pointer: anything */
    /* sleep(), read(), a system library's function: it cannot reach a handle the program keeps
       (only one it is given, and the thread API is classified before) */
    if (c->system && !c->def)
        return false;
    bool known = c->def || (rc->defined_elsewhere && c->index < rc->sums->tu->ncallees &&
                            rc->sums->tu->callees[c->index] == c && rc->defined_elsewhere[c->index]);
    if (!known)
        return true;
    const fn_summary *s = sum_of(rc->sums, c);
    return s && s->joins_any;
}

static uint32_t *dup_list(fl_arena *A, const fl_u32_vec *v, uint32_t *n)
{
    *n = (uint32_t)v->len;
    return v->len ? fl_arena_memdup(A, v->items, v->len * sizeof *v->items) : NULL;
}

/* `do { ... } while (0)`: a macro's statement wrapper, not a loop. */
static bool once_loop(const ast_node *l)
{
    return l && l->kind == AST_DO && l->nkids == 2 && cond_is_zero(l->kids[1]);
}

/* The innermost real loop around block b: ASSERT(0 == join(&t[i])) puts the join inside the
   macro's do-while(0), inside the loop that joins them all. */
static ast_node *real_loop(const cfg *g, const cfg_block *b)
{
    ast_node *l = b->loop;
    if (!once_loop(l))
        return l;
    ast_node *best = NULL;
    for (uint32_t i = 0; i < g->nblocks; i++) {
        ast_node *o = g->blocks[i].loop;
        if (o && o != l && !once_loop(o) && fl_span_within(l->span, o->span) &&
            (!best || fl_span_within(o->span, best->span)))
            best = o;
    }
    return best;
}

static bool inside_loop(const cfg_block *b, const ast_node *loop)
{
    const ast_node *l = b->loop;
    return l && (l == loop || (l->span.file == loop->span.file && l->span.begin >= loop->span.begin &&
                               l->span.end <= loop->span.end));
}

/* ---- count-down latches ---------------------------------------------------------------------- */

/* The file-scope counter a loop's condition waits on to reach zero (`pending > 0`, `pending !=
   0`, `pending`, `__atomic_load_n(&pending, ...) > 0`, `atomic_load(&pending)`), or NULL. */
static const ast_var *latch_counter(const ast_node *c)
{
    c = ast_strip_casts((ast_node *)c);
    if (c && c->kind == AST_BINARY && c->nkids == 2 && (c->op == BIN_GT || c->op == BIN_NE || c->op == BIN_LT)) {
        bool zero_right = ast_int_literal_truth(c->kids[1]) == 0, zero_left = ast_int_literal_truth(c->kids[0]) == 0;
        if (c->op == BIN_LT ? !zero_left : !zero_right)
            return NULL;
        c = ast_strip_casts(c->kids[c->op == BIN_LT ? 1 : 0]);
    }
    if (c && (c->kind == AST_CALL || c->kind == AST_OTHER) && c->name && strstr(c->name, "load") && c->nkids >= 2 &&
        strstr(c->name, "atomic")) {
        const ast_node *a = ast_strip_casts(c->kids[c->kind == AST_CALL ? 1 : 0]);
        c = a && a->kind == AST_UNARY && a->op == UN_ADDR_OF && a->nkids == 1 ? ast_strip_casts(a->kids[0]) : NULL;
    }
    if (!c || c->kind != AST_REF || !c->var ||
        (c->var->storage != STORAGE_GLOBAL && c->var->storage != STORAGE_STATIC_LOCAL))
        return NULL;
    return c->var;
}

/* Does e count v down (`v--`, `v -= 1`, an atomic fetch-and-subtract of `&v`), somewhere inside? */
static bool counts_down(const ast_node *e, const ast_var *v)
{
    FL_VEC(const ast_node *) stack = {0};
    fl_vec_push(&stack, e);
    bool found = false;
    while (stack.len && !found) {
        const ast_node *n = stack.items[--stack.len];
        const ast_node *target = NULL;
        if (n->kind == AST_UNARY && (n->op == UN_POST_DEC || n->op == UN_PRE_DEC) && n->nkids == 1)
            target = n->kids[0];
        else if (n->kind == AST_BINARY && n->op == BIN_SUB_ASSIGN && n->nkids == 2)
            target = n->kids[0];
        else if ((n->kind == AST_CALL || n->kind == AST_OTHER) && n->nkids >= 1 && thr_is_atomic_sub(n->name)) {
            const ast_node *a = ast_strip_casts(n->kids[n->kind == AST_CALL ? (n->nkids > 1 ? 1 : 0) : 0]);
            if (a && a->kind == AST_UNARY && a->op == UN_ADDR_OF && a->nkids == 1)
                target = a->kids[0];
        }
        target = target ? ast_strip_casts((ast_node *)target) : NULL;
        found = target && target->kind == AST_REF && target->var == v;
        for (uint16_t i = 0; i < n->nkids; i++)
            if (n->kids[i])
                fl_vec_push(&stack, (const ast_node *)n->kids[i]);
    }
    fl_vec_free(&stack);
    return found;
}

/* What a thread may still do once it has counted itself out: return a constant, wake a waiter,
   drop a lock. */
static bool after_count_down(const ast_node *st)
{
    static const char *const ok[] = {"pthread_mutex_unlock", "mtx_unlock", "pthread_exit", "thrd_exit"};
    if (st->kind == AST_RETURN)
        return !st->nkids || !st->kids[0] || ast_strip_casts(st->kids[0])->kind == AST_LITERAL;
    if (st->kind != AST_CALL || !st->name)
        return false;
    if (thr_is_cond_signal(st->name))
        return true;
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        if (strcmp(st->name, ok[i]) == 0)
            return true;
    return false;
}

/* Does thread function fn count v down as the last thing it does to memory: a statement of its
   body's outer block that counts v down, followed only by what after_count_down allows? A store
   after the count (`pending--; p->sum = s;`) may come after the waiter went on. */
static bool counts_out(const ast_func *fn, const ast_var *v)
{
    const ast_node *body = fn ? fn->body : NULL;
    if (!body || body->kind != AST_COMPOUND)
        return false;
    for (uint16_t i = body->nkids; i-- > 0;) {
        const ast_node *st = body->kids[i];
        if (!st)
            continue;
        if (counts_down(st, v))
            return true;
        if (!after_count_down(st))
            return false;
    }
    return false;
}

/* The spawns whose thread counts down the counter that block b's loop condition waits on to reach
   zero (a count-down latch: `while (atomic_load(&pending) > 0) usleep(100);` against each
   thread's `atomic_fetch_sub(&pending, 1)`), for the edge that leaves the loop; none otherwise. */
static void latch_kills(const run_fn *rf, const cfg_block *b, fl_u32_vec *out)
{
    out->len = 0;
    const ast_node *t = b->term;
    if (!b->cond || b->nsuccs != 2 || !t || (t->kind != AST_WHILE && t->kind != AST_DO && t->kind != AST_FOR))
        return;
    const ast_var *v = latch_counter(b->cond);
    for (uint32_t s = 0; v && s < rf->nspawns; s++) {
        const run_spawn *sp = &rf->spawns[s];
        const ast_callee *fn = sp->starter ? NULL : thr_named_fn(sp->tc.func);
        if (fn && counts_out(fn->def, v))
            fl_vec_push(out, s);
    }
}

/* ---- the dataflow ---------------------------------------------------------------------------- */

static void apply_ev(const run_fn *rf, const run_ev *e, fl_word *st)
{
    switch ((ev_kind)e->kind) {
    case EV_SPAWN:
        fl_bs_set(st, run_bit_r(e->arg));
        fl_bs_set(st, run_bit_a(e->arg));
        return;
    case EV_KILL:
        if (e->mask) {
            for (uint32_t w = 0; w < rf->nwords; w++)
                st[w] &= ~e->mask[w];
            return;
        }
        for (uint32_t i = 0; i < e->n; i++) {
            fl_bs_clear(st, run_bit_r(e->list[i]));
            fl_bs_clear(st, run_bit_a(e->list[i]));
        }
        return;
    case EV_KILL_ALL:
        fl_bs_zero(st, rf->nwords);
        return;
    case EV_ARG_KILL:
        for (uint32_t i = 0; i < e->n; i++)
            fl_bs_clear(st, run_bit_a(e->list[i]));
        return;
    }
}

static void transfer(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)g;
    const run_ext *x = ctx;
    for (uint32_t e = x->ev_first[b->id]; e < x->ev_first[b->id + 1]; e++)
        apply_ev(&x->pub, &x->ev[e], st);
}

static void edge(void *ctx, const cfg *g, const cfg_block *b, uint32_t succ, fl_word *st)
{
    (void)g;
    const run_ext *x = ctx;
    for (uint32_t k = x->ek_first[b->id]; k < x->ek_first[b->id + 1]; k++)
        if (x->ek[k].succ == succ)
            for (uint32_t i = 0; i < x->ek[k].n; i++) {
                fl_bs_clear(st, run_bit_r(x->ek[k].list[i]));
                fl_bs_clear(st, run_bit_a(x->ek[k].list[i]));
            }
}

/* ---- finding the events ---------------------------------------------------------------------- */

static uint32_t ptr_hash(const void *p)
{
    return (uint32_t)(((uintptr_t)p >> 4) * 2654435761u);
}

int32_t run_spawn_of(const run_fn *rf, const ast_node *call)
{
    const run_ext *x = (const run_ext *)rf;
    for (uint32_t h = ptr_hash(call) & x->map_mask; x->map_k[h]; h = (h + 1) & x->map_mask)
        if (x->map_k[h] == call)
            return (int32_t)x->map_v[h];
    return -1;
}

/* The spawns a join of handle h may end. */
/* Handles in the same field of objects reached through pointers (`t->thread` stored through the
   spawn loop's `t`, joined through the join loop's own `t`): the join may be of that thread. */
static bool same_pointee_field(place a, place b)
{
    if (!a.root || !b.root || !place_path_derefs(a.path) || !place_path_derefs(b.path))
        return false;
    const char *sa = strrchr(a.path, '*'), *sb = strrchr(b.path, '*');
    return strcmp(sa, sb) == 0;
}

static void join_kills(const run_fn *rf, place h, fl_u32_vec *out)
{
    out->len = 0;
    for (uint32_t s = 0; s < rf->nspawns; s++) {
        const run_spawn *sp = &rf->spawns[s];
        /* a handle a wrapper hid, or one we cannot name, may be this one; a detached thread
           has none */
        if (sp->handle.root ? place_may_alias(sp->handle, h) || same_pointee_field(sp->handle, h)
                            : !sp->unjoinable || sp->handle_global)
            fl_vec_push(out, s);
    }
}

/* The spawns a call that may join threads may end: those whose handle it can reach. */
static void call_kills(const run_fn *rf, const ast_node *call, bool surely_joins, fl_u32_vec *out)
{
    out->len = 0;
    for (uint32_t s = 0; s < rf->nspawns; s++) {
        const run_spawn *sp = &rf->spawns[s];
        bool may = sp->handle_global || (!sp->handle.root && !sp->unjoinable && surely_joins);
        for (uint16_t i = 1; i < call->nkids && !may && sp->handle.root; i++)
            may = ast_mentions_var(call->kids[i], sp->handle.root);
        /* a wait for the threads' end on the object they were given, detached ones too: a
           count-down latch (`pool_stop(p)` waiting while `p->alive > 0`) */
        for (uint16_t i = 1; i < call->nkids && !may && surely_joins && sp->arg_root; i++)
            may = ast_mentions_var(call->kids[i], sp->arg_root);
        if (may)
            fl_vec_push(out, s);
    }
}

/* If `c` tests a spawn's status, the spawns it tests; *true_is_failure set. */
static bool status_test(const run_fn *rf, ast_node *c, ast_var *const *status, bool *true_is_failure, fl_u32_vec *out)
{
    bool true_means_zero;
    c = cond_tested_value(c, &true_means_zero);
    out->len = 0;
    if (!c)
        return false;
    *true_is_failure = !true_means_zero; /* a non-zero status is a failure */
    if (c->kind == AST_CALL) {
        int32_t s = run_spawn_of(rf, c);
        if (s >= 0 && rf->spawns[s].tc.handle_kind != THR_HANDLE_RESULT)
            fl_vec_push(out, (uint32_t)s);
    } else if (c->kind == AST_REF && c->var) {
        for (uint32_t s = 0; s < rf->nspawns; s++)
            if (status[s] == c->var)
                fl_vec_push(out, s);
    }
    return out->len > 0;
}

/* Element n increments an lvalue by one (`n++`, `++p->nthreads`, `n += 1`) or sets it to a
   non-zero constant (`started = 1`): the lvalue, or NULL. Either way the lvalue is not zero after
   it, until another write. */
static ast_node *nonzero_write_of(ast_node *n)
{
    if (n && n->kind == AST_UNARY && (n->op == UN_POST_INC || n->op == UN_PRE_INC) && n->nkids == 1)
        return n->kids[0];
    if (n && n->kind == AST_BINARY && n->op == BIN_ADD_ASSIGN && n->nkids == 2 &&
        ast_int_literal_truth(n->kids[1]) == 1 && ast_strip_casts(n->kids[1])->name &&
        strcmp(ast_strip_casts(n->kids[1])->name, "1") == 0)
        return n->kids[0];
    if (n && n->kind == AST_BINARY && n->op == BIN_ASSIGN && n->nkids == 2 && (n->kids[0]->ty & TY_INT) &&
        ast_int_literal_truth(ast_strip_casts(n->kids[1])) == 1)
        return n->kids[0];
    return NULL;
}

/* Is place x a counter of started threads (`if (pthread_create(&p->tids[i], ...) != 0) break;
   p->nthreads++;`), or a flag set where one starts (`pthread_create(&t, ...); started = 1;`)?
   True when every write of it in g is an increment or a set to a non-zero constant in a block
   that begins the success side of some spawns or holds them (who[b] lists them), or an
   assignment before any spawn can have run (rpo order), and at least one is such a write; the
   spawns it counts go to *out. Counters do not go below zero, so where it is zero, none of
   those spawns started. */
static bool success_counter(fl_arena *A, const cfg *g, const uint32_t *rpo_of, uint32_t first_spawn_rpo,
                            const fl_u32_vec *who, place x, fl_u32_vec *out)
{
    out->len = 0;
    bool counted = false;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            ast_node *n = el->node;
            if (el->kind == CFG_DECL) {
                if (el->var && x.root == el->var && (!x.path || !*x.path) && rpo_of[bi] >= first_spawn_rpo)
                    return false;
                continue;
            }
            if (el->kind != CFG_EXPR || !n)
                continue;
            ast_node *lv = nonzero_write_of(n);
            bool assign = !lv && n->kind == AST_BINARY && n->op >= BIN_ASSIGN && n->op <= BIN_OR_ASSIGN;
            bool dec = !lv && n->kind == AST_UNARY && (n->op == UN_POST_DEC || n->op == UN_PRE_DEC);
            ast_node *w = lv ? lv : assign ? n->kids[0] : dec ? n->kids[0] : NULL;
            if (!w || !place_equal(place_of(A, w), x))
                continue;
            if (lv && who[bi].len) {
                counted = true;
                for (size_t k = 0; k < who[bi].len; k++)
                    fl_vec_push(out, who[bi].items[k]);
                continue;
            }
            if (n->kind == AST_BINARY && n->op == BIN_ASSIGN && rpo_of[bi] < first_spawn_rpo)
                continue;
            return false;
        }
    return counted;
}

typedef struct counter {
    place where;
    uint32_t *list; /* the spawns it counts */
    uint32_t n;
} counter;
typedef FL_VEC(counter) counter_vec;

/* The counters of started threads of g (success_counter), each with the spawns it counts.
   O(elements x counters), counters being increments or sets in a block that holds a spawn or
   begins its success side. */
static void find_counters(fl_arena *A, const cfg *g, const run_fn *rf, ast_var *const *status, counter_vec *out,
                          fl_u32_vec *tmp)
{
    fl_u32_vec *who = FL_NEW_ARRAY(A, fl_u32_vec, g->nblocks + 1);
    uint32_t *rpo_of = FL_NEW_ARRAY(A, uint32_t, g->nblocks + 1);
    for (uint32_t r = 0; r < g->nrpo; r++)
        rpo_of[g->rpo[r]] = r;
    uint32_t first_spawn_rpo = UINT32_MAX;
    for (uint32_t s = 0; s < rf->nspawns; s++)
        if (rpo_of[rf->spawns[s].block] < first_spawn_rpo)
            first_spawn_rpo = rpo_of[rf->spawns[s].block];
    for (uint32_t ci = 0; ci < g->nblocks; ci++) {
        const cfg_block *c = &g->blocks[ci];
        bool tf;
        if (c->cond && c->nsuccs == 2 && status_test(rf, c->cond, status, &tf, tmp)) {
            uint32_t ok = c->succs[tf ? 1 : 0];
            if (g->blocks[ok].npreds == 1)
                for (size_t k = 0; k < tmp->len; k++)
                    fl_vec_push(&who[ok], tmp->items[k]);
        }
    }
    /* a write in the spawn's own block runs exactly when the spawn does */
    for (uint32_t s = 0; s < rf->nspawns; s++)
        fl_vec_push(&who[rf->spawns[s].block], s);
    for (uint32_t bi = 0; bi < g->nblocks && out->len < 8; bi++)
        for (uint32_t i = 0; who[bi].len && i < g->blocks[bi].nelems && out->len < 8; i++) {
            ast_node *lv = g->blocks[bi].elems[i].kind == CFG_EXPR ? nonzero_write_of(g->blocks[bi].elems[i].node) : NULL;
            place x = lv ? place_of(A, lv) : (place){NULL, NULL};
            bool seen = !x.root;
            for (size_t c = 0; c < out->len && !seen; c++)
                seen = place_equal(out->items[c].where, x);
            if (seen)
                continue;
            counter c = {x, NULL, 0};
            if (success_counter(A, g, rpo_of, first_spawn_rpo, who, x, tmp))
                c.list = dup_list(A, tmp, &c.n);
            fl_vec_push(out, c);
        }
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        fl_vec_free(&who[bi]);
}

run_fn *run_analyze(fl_arena *A, const run_ctx *rc, const cfg *g)
{
    /* spawns and joins */
    ast_node **defs = NULL;
    FL_VEC(run_spawn) spawns = {0};
    FL_VEC(run_join) joins = {0};
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            ast_node *n = el->node;
            if (el->kind != CFG_EXPR || !n || n->kind != AST_CALL)
                continue;
            thr_call tc = thr_classify(rc->sums, n);
            const ast_callee *once = thr_once_routine(n);
            const ast_callee *ce = once ? once : n->callee; /* pthread_once(&o, init) calls init */
            if (tc.kind == THR_NONE && ce && rc->starts && ce->index < rc->sums->tu->ncallees &&
                rc->sums->tu->callees[ce->index] == ce && rc->starts[ce->index]) {
                run_spawn sp = {0};
                sp.call = n;
                sp.tc = tc;
                sp.starter = true;
                sp.block = bi;
                sp.elem = i;
                sp.handle = (place){NULL, NULL};
                sp.unjoinable = true;
                sp.handle_global = true; /* where the starter keeps them, any joiner may reach */
                fl_vec_push(&spawns, sp);
            } else if (tc.kind == THR_SPAWN) {
                run_spawn sp = {0};
                sp.call = n;
                sp.tc = tc;
                sp.block = bi;
                sp.elem = i;
                sp.handle = through_address(A, g, &defs, spawn_handle(A, &tc, b, i));
                sp.unjoinable = tc.via_wrapper &&
                                (tc.handle_kind == THR_HANDLE_DETACHED || tc.handle_kind == THR_HANDLE_HIDDEN);
                if (sp.unjoinable) {
                    sp.handle = (place){NULL, NULL};
                    sp.handle_global = tc.handle_kind == THR_HANDLE_HIDDEN;
                } else if (sp.handle.root) {
                    sp.handle_global = !ast_var_is_auto(sp.handle.root) || place_path_derefs(sp.handle.path);
                }
                arg_root(&sp);
                fl_vec_push(&spawns, sp);
            } else if (tc.kind == THR_JOIN || tc.kind == THR_DETACH) {
                run_join js = {n, tc.kind, thr_handle_place(A, &tc), NULL, bi, i};
                /* `t[i]`, or `t->thread` with `t = &threads[i]`: the join-them-all loop */
                if (tc.kind == THR_JOIN && js.handle.root &&
                    (strstr(js.handle.path, "[*]") || place_path_derefs(js.handle.path)))
                    js.loop = real_loop(g, b);
                fl_vec_push(&joins, js);
            }
        }
    }
    if (!spawns.len) {
        fl_vec_free(&spawns);
        fl_vec_free(&joins);
        return NULL;
    }
    run_ext *x = FL_NEW(A, run_ext);
    run_fn *rf = &x->pub;
    x->A = A;
    rf->g = g;
    rf->nspawns = (uint32_t)spawns.len;
    rf->spawns = fl_arena_memdup(A, spawns.items, spawns.len * sizeof *spawns.items);
    rf->njoins = (uint32_t)joins.len;
    rf->joins = joins.len ? fl_arena_memdup(A, joins.items, joins.len * sizeof *joins.items) : NULL;
    rf->nwords = fl_bs_words(2 * rf->nspawns);
    fl_vec_free(&spawns);
    fl_vec_free(&joins);
    uint32_t cap = 16;
    while (cap < 2 * rf->nspawns)
        cap *= 2;
    x->map_k = FL_NEW_ARRAY(A, const ast_node *, cap);
    x->map_v = FL_NEW_ARRAY(A, uint32_t, cap);
    x->map_mask = cap - 1;
    for (uint32_t s = 0; s < rf->nspawns; s++) {
        uint32_t h = ptr_hash(rf->spawns[s].call) & x->map_mask;
        while (x->map_k[h])
            h = (h + 1) & x->map_mask;
        x->map_k[h] = rf->spawns[s].call;
        x->map_v[h] = s;
    }

    /* variables receiving a spawn's status (`rc = pthread_create(...)`) */
    ast_var **status = FL_NEW_ARRAY(A, ast_var *, rf->nspawns);
    /* events, block by block */
    ev_vec ev = {0};
    fl_u32_vec tmp = {0};
    ev_vec memo = {0};     /* per distinct join handle: its kills */
    fl_strmap join_memo = {0};
    x->ev_first = FL_NEW_ARRAY(A, uint32_t, g->nblocks + 1);
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        x->ev_first[bi] = (uint32_t)ev.len;
        const cfg_block *b = &g->blocks[bi];
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            ast_node *n = el->node;
            run_ev e = {i, 0, 0, NULL, 0, NULL};
            /* the argument's root variable changes or dies */
            ast_var *changed = NULL;
            bool whole = false;
            if (el->kind == CFG_DECL || el->kind == CFG_SCOPE_END) {
                changed = el->var;
                whole = true;
            } else if (n && n->kind == AST_BINARY && n->op >= BIN_ASSIGN && n->op <= BIN_OR_ASSIGN) {
                ast_node *l = ast_strip_parens(n->kids[0]);
                if (l && l->kind == AST_REF)
                    changed = l->var;
            }
            if (changed) {
                tmp.len = 0;
                for (uint32_t s = 0; s < rf->nspawns; s++)
                    if (rf->spawns[s].arg_root == changed && (whole || rf->spawns[s].arg_through_ptr))
                        fl_vec_push(&tmp, s);
                if (tmp.len) {
                    e.kind = EV_ARG_KILL;
                    e.list = dup_list(A, &tmp, &e.n);
                    fl_vec_push(&ev, e);
                }
                ast_var *v;
                ast_node *val = el->kind == CFG_SCOPE_END ? NULL : ast_strip_casts(cond_stored_value(el, &v));
                int32_t s = val && val->kind == AST_CALL ? run_spawn_of(rf, val) : -1;
                if (s >= 0 && v && rf->spawns[s].tc.handle_kind != THR_HANDLE_RESULT)
                    status[s] = v;
            }
            if (el->kind != CFG_EXPR || !n || n->kind != AST_CALL)
                continue;
            int32_t s = run_spawn_of(rf, n);
            if (s >= 0) {
                e.kind = EV_SPAWN;
                e.arg = (uint32_t)s;
                fl_vec_push(&ev, e);
                continue;
            }
            thr_call tc = thr_classify(rc->sums, n);
            if (tc.kind == THR_DETACH)
                continue;
            if (tc.kind == THR_JOIN) {
                place h = thr_handle_place(A, &tc);
                if (!h.root) {
                    e.kind = EV_KILL_ALL; /* joins something we cannot name: stay silent */
                    fl_vec_push(&ev, e);
                    continue;
                }
                /* the joins of one handle end the same spawns: computed once per handle */
                const char *key = fl_arena_sprintf(A, "%p|%s", (void *)h.root, h.path);
                uint32_t id;
                if (!fl_strmap_get(&join_memo, key, &id)) {
                    join_kills(rf, h, &tmp);
                    fl_word *mask = FL_NEW_ARRAY(A, fl_word, rf->nwords + 1);
                    for (size_t k = 0; k < tmp.len; k++) {
                        fl_bs_set(mask, run_bit_r(tmp.items[k]));
                        fl_bs_set(mask, run_bit_a(tmp.items[k]));
                    }
                    run_ev m = {0};
                    m.list = dup_list(A, &tmp, &m.n);
                    m.mask = mask;
                    id = (uint32_t)memo.len;
                    fl_vec_push(&memo, m);
                    fl_strmap_put(&join_memo, key, id);
                }
                if (memo.items[id].n) {
                    e.kind = EV_KILL;
                    e.list = memo.items[id].list;
                    e.n = memo.items[id].n;
                    e.mask = memo.items[id].mask;
                    fl_vec_push(&ev, e);
                }
                continue;
            } else {
                if (!callee_may_join(rc, n))
                    continue;
                const fn_summary *cs = sum_of(rc->sums, n->callee);
                call_kills(rf, n, cs && cs->joins_any, &tmp);
            }
            if (tmp.len) {
                e.kind = EV_KILL;
                e.list = dup_list(A, &tmp, &e.n);
                fl_vec_push(&ev, e);
            }
        }
    }
    x->ev_first[g->nblocks] = (uint32_t)ev.len;
    x->ev = ev.len ? fl_arena_memdup(A, ev.items, ev.len * sizeof *ev.items) : NULL;
    fl_vec_free(&ev);

    /* edges: failed spawns, and loops of joins left */
    ek_vec ek = {0};
    counter_vec counters = {0}; /* counters of started threads, found at the first branch on a number */
    bool counters_found = false;
    x->ek_first = FL_NEW_ARRAY(A, uint32_t, g->nblocks + 1);
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        x->ek_first[bi] = (uint32_t)ek.len;
        const cfg_block *b = &g->blocks[bi];
        bool true_is_failure;
        if (b->cond && b->nsuccs == 2 && status_test(rf, b->cond, status, &true_is_failure, &tmp)) {
            edge_kill k = {bi, true_is_failure ? 0u : 1u, NULL, 0, true};
            k.list = dup_list(A, &tmp, &k.n);
            fl_vec_push(&ek, k);
        }
        /* `if (p->nthreads == 0) { free(p); return NULL; }` after spawns that count themselves */
        bool zero_true;
        ast_node *tested = b->cond && b->nsuccs == 2 && rf->nspawns ? cond_tested_value(b->cond, &zero_true) : NULL;
        if (tested && tested->kind != AST_CALL && (tested->ty & TY_INT)) {
            if (!counters_found) {
                find_counters(A, g, rf, status, &counters, &tmp);
                counters_found = true;
            }
            place tp = counters.len ? place_of(A, tested) : (place){NULL, NULL};
            for (size_t c = 0; c < counters.len; c++)
                if (counters.items[c].n && place_equal(counters.items[c].where, tp)) {
                    edge_kill k = {bi, zero_true ? 0u : 1u, counters.items[c].list, counters.items[c].n, true};
                    fl_vec_push(&ek, k);
                    break;
                }
        }
        latch_kills(rf, b, &tmp);
        if (tmp.len && !inside_loop(&g->blocks[b->succs[1]], b->term)) {
            edge_kill k = {bi, 1, NULL, 0, false};
            k.list = dup_list(A, &tmp, &k.n);
            fl_vec_push(&ek, k);
        }
        for (uint32_t si = 0; si < b->nsuccs; si++) {
            const cfg_block *to = &g->blocks[b->succs[si]];
            tmp.len = 0;
            for (uint32_t j = 0; j < rf->njoins; j++) {
                const run_join *js = &rf->joins[j];
                if (!js->loop || !inside_loop(b, js->loop) || inside_loop(to, js->loop))
                    continue;
                for (uint32_t s = 0; s < rf->nspawns; s++)
                    if (rf->spawns[s].handle.root && (place_may_alias(rf->spawns[s].handle, js->handle) ||
                                                      same_pointee_field(rf->spawns[s].handle, js->handle)))
                        fl_vec_push(&tmp, s);
            }
            if (tmp.len) {
                edge_kill k = {bi, si, NULL, 0, false};
                k.list = dup_list(A, &tmp, &k.n);
                fl_vec_push(&ek, k);
            }
        }
    }
    fl_vec_free(&counters);
    x->ek_first[g->nblocks] = (uint32_t)ek.len;
    x->nek = (uint32_t)ek.len;
    x->ek = ek.len ? fl_arena_memdup(A, ek.items, ek.len * sizeof *ek.items) : NULL;
    fl_vec_free(&ek);
    fl_vec_free(&tmp);
    fl_vec_free(&memo);
    fl_strmap_free(&join_memo);

    df_problem p = {0};
    p.nbits = 2 * rf->nspawns;
    p.ctx = x;
    p.transfer = transfer;
    p.edge = edge;
    /* `if (bg) spawn(&t); ... if (bg) join(t);`: solved under each value of a variable that
       decides a spawn or a join (ir/split.h), so that the thread is over after the join */
    bool *interesting = FL_NEW_ARRAY(A, bool, g->nblocks + 1);
    for (uint32_t s = 0; s < rf->nspawns; s++)
        interesting[rf->spawns[s].block] = true;
    for (uint32_t j = 0; j < rf->njoins; j++)
        interesting[rf->joins[j].block] = true;
    cfg_split sp;
    rf->df = cfg_split_find(A, g, interesting,
                                  rc->stable && g->fn && g->fn->index < rc->nfuncs ? rc->stable[g->fn->index] : NULL,
                                  rc->nstable, true, &sp) ? df_run_split(A, g, &p, &sp, NULL) : df_run(A, g, &p);
    return rf;
}

uint32_t run_failure_branches(const run_fn *rf, uint32_t *out, uint32_t max)
{
    const run_ext *x = (const run_ext *)rf;
    uint32_t n = 0;
    for (uint32_t i = 0; i < x->nek && n < max; i++)
        if (x->ek[i].failure)
            out[n++] = rf->g->blocks[x->ek[i].block].succs[x->ek[i].succ];
    return n;
}

uint32_t run_failure_edges(const run_fn *rf, uint32_t *block, uint32_t *succ, uint32_t max)
{
    const run_ext *x = (const run_ext *)rf;
    uint32_t n = 0;
    for (uint32_t i = 0; i < x->nek && n < max; i++)
        if (x->ek[i].failure) {
            block[n] = x->ek[i].block;
            succ[n++] = x->ek[i].succ;
        }
    return n;
}

bool run_escapes(const run_fn *rf)
{
    const cfg *g = rf->g;
    if (!rf->df->reached[g->exit])
        return false;
    const fl_word *st = df_in(rf->df, g->exit);
    for (uint32_t s = 0; s < rf->nspawns; s++)
        if (fl_bs_test(st, run_bit_r(s)))
            return true;
    return false;
}

void run_replay_start(const run_fn *rf, uint32_t block, fl_word *st, run_replay *c)
{
    const run_ext *x = (const run_ext *)rf;
    fl_bs_copy(st, df_in(rf->df, block), rf->nwords);
    c->rf = rf;
    c->next = x->ev_first[block];
    c->end = x->ev_first[block + 1];
}

void run_replay_to(run_replay *c, uint32_t elem, fl_word *st)
{
    const run_ext *x = (const run_ext *)c->rf;
    while (c->next < c->end && x->ev[c->next].elem < elem)
        apply_ev(c->rf, &x->ev[c->next++], st);
}
