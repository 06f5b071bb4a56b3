/* thread_borrow.c - thread-borrow (E0373): a spawned thread that borrows stack data which may
 * die before the thread is joined.
 *
 * Two forward dataflow passes over the function's CFG:
 *
 *  1. Stack addresses (may, union). For every local or parameter that can carry an address
 *     (pointers, aggregates, arrays), the set of the function's stack objects it may point
 *     into (`pts`), and the stack objects whose address was stored inside what it points to or
 *     contains (`holds`: `job->counter = &counter`, `struct args a = {&x}`). From it, each spawn's
 *     argument gets the set of stack objects the new thread borrows.
 *
 *  2. Running threads: facts/running.h says which spawns may still be running at each point
 *     (set by the spawn, cleared by a join of the same handle, by the branch on which the spawn
 *     reported failure, and by a call that may join the handle out of sight). Where an object
 *     dies (CFG_SCOPE_END) while a spawn that borrows it may still run, that is the finding.
 *
 * Spawns and joins through wrappers (facts/summary.c: functions that call pthread_create or
 * pthread_join for their caller, or prototypes annotated FL_THREAD_* / FL_JOINS) count like the
 * API itself: the handle is the wrapper's handle argument composed with its path (`&w` and
 * "*.tid" is w.tid) or the variable its result initializes; a wrapper that detaches the thread
 * leaves it running for good, and one that hides the handle leaves it running until a call or
 * a join that might reach it.
 *
 * Precision choices, all towards silence: a thread whose function (its body in the unit) never
 * reads its argument borrows nothing through it; a join of some element of a handle array (`t[i]`)
 * counts for the whole array, and so does leaving the loop it sits in (the "create in a loop,
 * join in a later loop" idiom); a call that receives the handle may join it; a spawn whose
 * handle we cannot name is not reported (explained under --verbose).
 */
#include <string.h>

#include "../base/bitset.h"
#include "../base/strbuf.h"
#include "../base/vec.h"
#include "../diag/diag.h"
#include "../facts/running.h"
#include "../facts/summary.h"
#include "../facts/threads.h"
#include "../ir/cond.h"
#include "../ir/dataflow.h"
#include "../ir/place.h"
#include "registry.h"

#define CHECK_NAME "thread-borrow"
#define CHECK_CODE "E0373"

/* A spawn of the function (facts/running.h's, same index) and what its thread borrows. */
typedef struct spawn_site {
    ast_node *call;
    thr_call tc;
    place handle;       /* root NULL: unknown handle */
    uint32_t block;     /* the CFG block of the spawn */
    bool unjoinable;    /* a wrapper detaches the thread or hides its handle: running from the
                           spawn on, with no handle to join here (handle.root is NULL) */
    fl_word *borrowed;  /* objects the thread may borrow (nobj bits) */
    fl_word *direct;    /* those the argument itself points into (not through a struct) */
    bool reported;      /* one finding per spawn: the first object that dies */
    bool noted_exit;    /* --verbose said once that an error exit of `main` is not reported */
    bool noted_let_go;  /* ... that the thread lets go of its argument before it dies */
    bool let_go_known;  /* let_go and let_go_sem are computed (thread_lets_go, once) */
    bool let_go_sem;
    const char *let_go;
} spawn_site;

typedef struct tb {
    check_ctx *ctx;
    const cfg *g;
    fl_arena *A;
    uint32_t nvars;
    int32_t *obj_of;   /* var index -> object index, -1 if not a stack object */
    ast_var **objs;
    uint32_t nobj, objw;
    int32_t *trk_of;   /* var index -> tracked index, -1 if untracked */
    uint32_t ntrk;
    uint32_t nwords1;  /* pass 1 state: pts[ntrk][objw] then holds[ntrk][objw] */
    const run_fn *rf;  /* the function's running threads */
    spawn_site *spawns;/* rf->nspawns */
    uint32_t nspawns;
    df_result *pass1;
    fl_word *tmp;      /* objw words of scratch */
} tb;

/* ---- helpers on variables ------------------------------------------------------------- */

static int32_t obj_index(const tb *t, const ast_var *v)
{
    return ast_var_is_auto(v) && v->index < t->nvars ? t->obj_of[v->index] : -1;
}

static int32_t trk_index(const tb *t, const ast_var *v)
{
    return ast_var_is_auto(v) && v->index < t->nvars ? t->trk_of[v->index] : -1;
}

static fl_word *pts(const tb *t, fl_word *st, int32_t trk)
{
    return st + (size_t)trk * t->objw;
}

static fl_word *holds(const tb *t, fl_word *st, int32_t trk)
{
    return st + ((size_t)t->ntrk + (size_t)trk) * t->objw;
}

/* The variable an lvalue is rooted in without passing through a pointer (`a.b[2].c` -> a). */
static ast_var *direct_root(ast_node *e)
{
    for (;;) {
        e = ast_strip_casts(e);
        if (!e)
            return NULL;
        if (e->kind == AST_REF)
            return e->var;
        if (e->kind == AST_MEMBER && !(e->flags & AST_F_ARROW))
            e = e->kids[0];
        else if (e->kind == AST_INDEX && (ast_strip_casts(e->kids[0])->ty & TY_ARRAY))
            e = e->kids[0];
        else if (e->kind == AST_COMPOUND_LIT)
            return e->var;
        else
            return NULL;
    }
}

/* For an lvalue reached through a pointer (`p->f`, `*p`, `p[i]`, `(*p).f`), the pointer expression. */
static ast_node *through_pointer(ast_node *e)
{
    for (;;) {
        e = ast_strip_casts(e);
        if (!e)
            return NULL;
        if (e->kind == AST_MEMBER)
            if (e->flags & AST_F_ARROW)
                return e->kids[0];
            else
                e = e->kids[0];
        else if (e->kind == AST_INDEX)
            if (ast_strip_casts(e->kids[0])->ty & TY_ARRAY)
                e = e->kids[0];
            else
                return e->kids[0];
        else if (e->kind == AST_UNARY && e->op == UN_DEREF)
            return e->kids[0];
        else
            return NULL;
    }
}

/* ---- pass 1: which stack objects an expression's value may point into ----------------------- */

static void addr_objs(tb *t, fl_word *st, ast_node *e, fl_word *out);

/* Objects the lvalue `lv` lives in (for `&lv` and arrays decaying). */
static void lvalue_objs(tb *t, fl_word *st, ast_node *lv, fl_word *out)
{
    ast_var *root = direct_root(lv);
    if (root) {
        int32_t o = obj_index(t, root);
        if (o >= 0)
            fl_bs_set(out, (uint32_t)o);
        return;
    }
    ast_node *ptr = through_pointer(lv);
    if (ptr)
        addr_objs(t, st, ptr, out);
}

static void addr_objs(tb *t, fl_word *st, ast_node *e, fl_word *out)
{
    e = ast_strip_casts(e);
    if (!e)
        return;
    switch ((ast_kind)e->kind) {
    case AST_UNARY:
        if (e->op == UN_ADDR_OF)
            lvalue_objs(t, st, e->kids[0], out);
        return;
    case AST_REF: {
        if (e->ty & TY_ARRAY) {
            lvalue_objs(t, st, e, out);
            return;
        }
        int32_t k = trk_index(t, e->var);
        if (k >= 0)
            fl_bs_union(out, pts(t, st, k), t->objw);
        return;
    }
    case AST_MEMBER:
    case AST_INDEX:
        if (e->ty & TY_ARRAY) /* an array member decays to its address */
            lvalue_objs(t, st, e, out);
        return;
    case AST_COMPOUND_LIT:
        if (e->ty & TY_ARRAY)
            lvalue_objs(t, st, e, out);
        return;
    case AST_BINARY:
        if (e->op == BIN_ADD || e->op == BIN_SUB) {
            if (e->kids[0]->ty & (TY_POINTER | TY_ARRAY))
                addr_objs(t, st, e->kids[0], out);
            if (e->op == BIN_ADD && (e->kids[1]->ty & (TY_POINTER | TY_ARRAY)))
                addr_objs(t, st, e->kids[1], out);
        } else if (e->op == BIN_COMMA || e->op == BIN_ASSIGN) {
            addr_objs(t, st, e->kids[1], out);
        }
        return;
    case AST_COND:
        for (uint16_t i = 1; i < e->nkids; i++)
            addr_objs(t, st, e->kids[i], out);
        return;
    case AST_CALL:
        /* fl_move(p) is the identity; anything else returns memory we do not know. */
        if (e->name && strcmp(e->name, "fl_move") == 0 && e->nkids == 2)
            addr_objs(t, st, e->kids[1], out);
        return;
    case AST_STMT_EXPR:
    default:
        return;
    }
}

/* Addresses an initializer stores inside the object it initializes (`{&x, .p = &y}`). */
static void init_holds(tb *t, fl_word *st, ast_node *init, fl_word *out)
{
    init = ast_strip_casts(init);
    if (!init)
        return;
    if (init->kind == AST_INIT_LIST) {
        for (uint16_t i = 0; i < init->nkids; i++)
            init_holds(t, st, init->kids[i], out);
        return;
    }
    addr_objs(t, st, init, out);
}

static void assign(tb *t, fl_word *st, ast_node *lhs, ast_node *rhs)
{
    lhs = ast_strip_parens(lhs);
    if (lhs->kind == AST_REF) {
        int32_t k = trk_index(t, lhs->var);
        if (k < 0)
            return;
        fl_bs_zero(t->tmp, t->objw);
        addr_objs(t, st, rhs, t->tmp);
        fl_bs_copy(pts(t, st, k), t->tmp, t->objw);
        /* a struct copied from another keeps what the other holds */
        ast_node *r = ast_strip_casts(rhs);
        int32_t k2 = r && r->kind == AST_REF ? trk_index(t, r->var) : -1;
        if (k2 >= 0 && (lhs->ty & TY_RECORD))
            fl_bs_copy(holds(t, st, k), holds(t, st, k2), t->objw);
        else
            fl_bs_zero(holds(t, st, k), t->objw);
        return;
    }
    /* A store into part of an object: weak update of what that object holds. */
    fl_bs_zero(t->tmp, t->objw);
    addr_objs(t, st, rhs, t->tmp);
    if (fl_bs_empty(t->tmp, t->objw))
        return;
    ast_var *root = direct_root(lhs);
    if (root) {
        int32_t k = trk_index(t, root);
        if (k >= 0)
            fl_bs_union(holds(t, st, k), t->tmp, t->objw);
        return;
    }
    ast_node *ptr = ast_strip_casts(through_pointer(lhs));
    if (!ptr || ptr->kind != AST_REF)
        return;
    int32_t k = trk_index(t, ptr->var);
    if (k < 0)
        return;
    fl_bs_union(holds(t, st, k), t->tmp, t->objw);
    /* `p = &a; p->x = &y;`: a now holds y too */
    fl_word *pp = pts(t, st, k);
    for (uint32_t o = 0; o < t->nobj; o++)
        if (fl_bs_test(pp, o)) {
            int32_t ko = trk_index(t, t->objs[o]);
            if (ko >= 0)
                fl_bs_union(holds(t, st, ko), t->tmp, t->objw);
        }
}

static void elem_pass1(tb *t, const cfg_elem *el, fl_word *st)
{
    switch ((cfg_elem_kind)el->kind) {
    case CFG_DECL: {
        int32_t k = trk_index(t, el->var);
        if (k < 0)
            return;
        fl_bs_zero(pts(t, st, k), t->objw);
        fl_bs_zero(holds(t, st, k), t->objw);
        ast_node *init = el->node && el->node->nkids ? el->node->kids[0] : NULL;
        if (!init)
            return;
        ast_node *i = ast_strip_casts(init);
        if (i->kind == AST_INIT_LIST && !(el->var->ty & TY_POINTER)) {
            fl_bs_zero(t->tmp, t->objw);
            init_holds(t, st, i, t->tmp);
            fl_bs_copy(holds(t, st, k), t->tmp, t->objw);
        } else {
            fl_bs_zero(t->tmp, t->objw);
            addr_objs(t, st, init, t->tmp);
            fl_bs_copy(pts(t, st, k), t->tmp, t->objw);
        }
        return;
    }
    case CFG_EXPR:
        if (el->node->kind == AST_BINARY && el->node->op == BIN_ASSIGN)
            assign(t, st, el->node->kids[0], el->node->kids[1]);
        return;
    case CFG_SCOPE_END: {
        int32_t k = trk_index(t, el->var);
        if (k >= 0) {
            fl_bs_zero(pts(t, st, k), t->objw);
            fl_bs_zero(holds(t, st, k), t->objw);
        }
        return;
    }
    }
}

static void transfer1(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    tb *t = ctx;
    for (uint32_t i = 0; i < b->nelems; i++)
        elem_pass1(t, &b->elems[i], st);
}

/* Everything a thread argument gives the thread access to on the stack. */
static void borrowed_by(tb *t, fl_word *st, ast_node *arg, fl_word *out)
{
    addr_objs(t, st, arg, out);
    ast_node *a = ast_strip_casts(arg);
    if (a && a->kind == AST_CALL && a->name && strcmp(a->name, "fl_move") == 0 && a->nkids == 2)
        a = ast_strip_casts(a->kids[1]);
    if (a && a->kind == AST_REF) {
        int32_t k = trk_index(t, a->var);
        if (k >= 0)
            fl_bs_union(out, holds(t, st, k), t->objw);
    }
    /* and what the objects it points into hold, transitively */
    bool changed = true;
    while (changed) {
        changed = false;
        for (uint32_t o = 0; o < t->nobj; o++)
            if (fl_bs_test(out, o)) {
                int32_t k = trk_index(t, t->objs[o]);
                if (k >= 0)
                    changed |= fl_bs_union(out, holds(t, st, k), t->objw);
            }
    }
}

/* ---- reporting -------------------------------------------------------------------------- */

static void report(tb *t, spawn_site *sp, uint32_t o, const cfg_elem *death, uint32_t death_block);

/* The parameter a spawn stores its handle through (`thrd_create(out, run, name)` with
   `thrd_t *out` a parameter): the handle leaves for the caller, so nothing here can join the
   thread before the function's locals die. NULL for any other handle. */
static const ast_var *handle_param(const spawn_site *sp)
{
    const ast_node *h = sp->tc.via_wrapper ? NULL : ast_strip_casts(sp->tc.handle);
    if (!h || h->kind != AST_REF || !h->var || h->var->storage != STORAGE_PARAM || !(h->var->ty & TY_POINTER))
        return NULL;
    return h->var;
}

static bool dominates(tb *t, uint32_t via, uint32_t to);

/* `main` leaving on the branch where a later thread could not be started (`if
   (pthread_create(...) != 0) return 1;`): the program ends there, with an error, taking the
   threads it started with it. Not reported (said under --verbose). */
static bool bailing_out_of_main(tb *t, uint32_t block)
{
    if (!ast_func_is_main(t->ctx->fn))
        return false;
    uint32_t fail[16];
    uint32_t n = run_failure_branches(t->rf, fail, 16);
    for (uint32_t i = 0; i < n; i++)
        if (t->g->blocks[fail[i]].npreds == 1 && dominates(t, fail[i], block))
            return true;
    return false;
}

/* `main` returning a non-zero constant (`return 1;`, `return EXIT_FAILURE;`, `return -1;`) where
   the objects die: an error exit, which ends the program and the threads with it, like `exit(1)`
   would (`if (!cfg) return 1;` after a malloc failed). A `return 0;` that forgets to join is
   still reported. */
static bool error_exit_of_main(tb *t, const cfg_elem *death)
{
    const ast_node *r = death->node;
    if (!ast_func_is_main(t->ctx->fn) || !r || r->kind != AST_RETURN || r->nkids != 1)
        return false;
    const ast_node *v = ast_strip_casts(r->kids[0]);
    if (v && v->kind == AST_UNARY && v->op == UN_MINUS && v->nkids == 1)
        v = v->kids[0];
    return ast_int_literal_truth(v) == 1;
}

static void note_bail_out(tb *t, spawn_site *sp, const cfg_elem *death, bool error_exit)
{
    if (!t->ctx->verbose)
        return;
    diag *d = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                       error_exit ? "not reporting `%s`, borrowed by this thread: `main` returns an error status there, "
                                    "which ends the program"
                                  : "not reporting `%s`, borrowed by this thread: `main` returns there on the branch "
                                    "where another thread could not be started, which ends the program",
                       death->var->name);
    diag_primary(d, sp->call->span, NULL);
    diag_sink_add(t->ctx->sink, d);
}

/* ---- a thread that lets go of what it borrowed ----------------------------------------- */

/* Does statement x name the thread function's argument or a local copy of it? */
static bool names_arg(const ast_node *x, const ast_var *const *alias, uint32_t nalias)
{
    for (uint32_t k = 0; k < nalias; k++)
        if (ast_mentions_var(x, alias[k]))
            return true;
    return false;
}

/* The field through which the thread lets go of its argument: the last statement of its
   function's body that names the argument (or a local copy of it, `struct args *a = arg;`) sets
   a field of it to a non-zero constant (`a->taken = 1;`, then a broadcast) or posts a semaphore
   in it (`sem_post(&a->ready)`), and no later statement names it. The field's name, or NULL. */
static const char *thread_lets_go(const spawn_site *sp, bool *sem)
{
    const ast_callee *c = sp->tc.func ? thr_named_fn(sp->tc.func) : NULL;
    const ast_func *fn = c ? c->def : NULL;
    if (!fn || !fn->body || fn->nparams != 1 || fn->body->kind != AST_COMPOUND)
        return NULL;
    enum { MAX_ALIAS = 4 };
    const ast_var *alias[MAX_ALIAS] = {fn->params[0]};
    uint32_t nalias = 1;
    for (uint32_t i = 0; i < fn->nvars && nalias < MAX_ALIAS; i++) {
        const ast_var *v = fn->vars[i];
        ast_node *init = v->storage == STORAGE_LOCAL && (v->ty & TY_POINTER) && v->decl && v->decl->nkids
                             ? ast_strip_casts(v->decl->kids[0])
                             : NULL;
        if (init && init->kind == AST_REF && init->var == fn->params[0])
            alias[nalias++] = v;
    }
    /* a pointer into the argument's object kept in another local (`const char *nm = a->name;`,
       or assigned so) would outlive the signal: none may be made */
    FL_VEC(const ast_node *) stack = {0};
    fl_vec_push(&stack, (const ast_node *)fn->body);
    bool kept = false;
    while (stack.len && !kept) {
        const ast_node *x = stack.items[--stack.len];
        if (!x)
            continue;
        const ast_node *val = NULL;
        const ast_var *to = NULL;
        if (x->kind == AST_BINARY && x->op == BIN_ASSIGN && x->nkids == 2 && (x->ty & TY_POINTER)) {
            const ast_node *l = ast_strip_parens(x->kids[0]);
            to = l && l->kind == AST_REF ? l->var : NULL;
            val = x->kids[1]; /* into a field or through a pointer too: somewhere out of sight */
        } else if (x->kind == AST_VAR && x->var && (x->var->ty & TY_POINTER) && x->nkids)
            to = x->var, val = x->kids[0];
        bool is_alias = false;
        for (uint32_t k = 0; to && k < nalias; k++)
            is_alias |= alias[k] == to;
        if (val && !is_alias && names_arg(val, alias, nalias))
            kept = true;
        for (uint16_t k = 0; k < x->nkids; k++)
            fl_vec_push(&stack, (const ast_node *)x->kids[k]);
    }
    fl_vec_free(&stack);
    if (kept)
        return NULL;
    int32_t last = -1;
    for (uint32_t k = 0; k < fn->body->nkids; k++)
        if (fn->body->kids[k] && names_arg(fn->body->kids[k], alias, nalias))
            last = (int32_t)k;
    ast_node *x = last >= 0 ? ast_strip_parens(fn->body->kids[last]) : NULL;
    ast_node *lv = NULL;
    *sem = false;
    if (x && x->kind == AST_BINARY && x->op == BIN_ASSIGN && x->nkids == 2 && cond_is_nonzero_constant(x->kids[1]))
        lv = ast_strip_parens(x->kids[0]);
    else if (x && x->kind == AST_CALL && x->name && strcmp(x->name, "sem_post") == 0 && x->nkids == 2) {
        ast_node *a = ast_strip_casts(x->kids[1]);
        lv = a && a->kind == AST_UNARY && a->op == UN_ADDR_OF && a->nkids == 1 ? ast_strip_parens(a->kids[0]) : NULL;
        *sem = true;
    }
    if (!lv || lv->kind != AST_MEMBER || !(lv->flags & AST_F_ARROW) || lv->nkids != 1 || !lv->name)
        return NULL;
    const ast_node *base = ast_strip_casts(lv->kids[0]);
    if (!base || base->kind != AST_REF || !names_arg(base, alias, nalias))
        return NULL;
    return lv->name;
}

/* Does block b of g wait (a condition wait, a yield or a sleep: the body of a wait loop)? */
static bool block_waits(const cfg *g, uint32_t b)
{
    static const char *const pauses[] = {"sched_yield", "usleep", "nanosleep", "thrd_yield"};
    for (uint32_t i = 0; i < g->blocks[b].nelems; i++) {
        const ast_node *n = g->blocks[b].elems[i].node;
        if (!n || n->kind != AST_CALL || !n->name)
            continue;
        if (thr_is_cond_wait(n->name))
            return true;
        for (size_t k = 0; k < sizeof pauses / sizeof *pauses; k++)
            if (strcmp(n->name, pauses[k]) == 0)
                return true;
    }
    return false;
}

/* The block where the spawner waits for that field of object v: a loop's test of `v.f` whose
   way on while it is zero waits (`while (!v.taken) pthread_cond_wait(...)`, or spins on the
   test itself), or a block holding `sem_wait(&v.f)`; UINT32_MAX for none. */
static uint32_t spawner_waits(tb *t, const ast_var *v, const char *field, bool sem)
{
    const cfg *g = t->g;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        if (!sem && b->cond && b->nsuccs == 2 && b->term &&
            (b->term->kind == AST_WHILE || b->term->kind == AST_DO || b->term->kind == AST_FOR)) {
            bool zero;
            ast_node *e = cond_tested_value(b->cond, &zero);
            place pl = e ? place_of(t->A, e) : (place){NULL, NULL};
            uint32_t on_zero = b->succs[zero ? 0 : 1];
            if (pl.root == v && pl.path[0] == '.' && strcmp(pl.path + 1, field) == 0 &&
                (on_zero == bi || block_waits(g, on_zero)))
                return bi;
        }
        for (uint32_t i = 0; sem && i < b->nelems; i++) {
            const ast_node *n = b->elems[i].node;
            if (b->elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL || !n->name ||
                strcmp(n->name, "sem_wait") != 0 || n->nkids != 2)
                continue;
            place pl = place_of_pointee(t->A, n->kids[1]);
            if (pl.root == v && pl.path[0] == '.' && strcmp(pl.path + 1, field) == 0)
                return bi;
        }
    }
    return UINT32_MAX;
}

/* Spawn sp's thread is done with object o by the time death_block runs: the thread lets go of
   it through a field (thread_lets_go), and every path from the spawn to the death passes the
   spawner's wait for that field, or takes a branch where a spawn failed. A walk of the CFG. */
static bool let_go_before(tb *t, spawn_site *sp, uint32_t o, uint32_t death_block)
{
    if (!fl_bs_test(sp->direct, o))
        return false;
    if (!sp->let_go_known) {
        sp->let_go = thread_lets_go(sp, &sp->let_go_sem);
        sp->let_go_known = true;
    }
    uint32_t wait = sp->let_go ? spawner_waits(t, t->objs[o], sp->let_go, sp->let_go_sem) : UINT32_MAX;
    if (wait == UINT32_MAX || wait == sp->block || death_block == sp->block)
        return false;
    const cfg *g = t->g;
    uint32_t fb[16], fs[16];
    uint32_t nfail = run_failure_edges(t->rf, fb, fs, 16);
    uint8_t *seen = fl_arena_zalloc(t->A, g->nblocks + 1);
    uint32_t *stack = fl_arena_alloc(t->A, (g->nblocks + 1) * sizeof *stack);
    uint32_t n = 0;
    seen[sp->block] = 1;
    stack[n++] = sp->block;
    while (n) {
        uint32_t b = stack[--n];
        if (b == death_block)
            return false;
        if (b == wait)
            continue;
        for (uint32_t k = 0; k < g->blocks[b].nsuccs; k++) {
            bool failed = false;
            for (uint32_t f = 0; f < nfail && !failed; f++)
                failed = fb[f] == b && fs[f] == k;
            uint32_t s = g->blocks[b].succs[k];
            if (!failed && !seen[s]) {
                seen[s] = 1;
                stack[n++] = s;
            }
        }
    }
    return true;
}

/* Objects die in runs (every scope a `return` leaves): report each running spawn once per run,
   naming the object its argument points to directly when that one is among them. */
static void report_deaths(tb *t, const cfg_elem *run, uint32_t n, const fl_word *st, uint32_t block)
{
    for (uint32_t s = 0; s < t->nspawns; s++) {
        spawn_site *sp = &t->spawns[s];
        if (!fl_bs_test(st, run_bit_r(s)) || sp->reported ||
            (!sp->handle.root && !sp->unjoinable && !handle_param(sp)))
            continue;
        const cfg_elem *pick = NULL;
        for (uint32_t i = 0; i < n; i++) {
            int32_t o = obj_index(t, run[i].var);
            if (o < 0 || !fl_bs_test(sp->borrowed, (uint32_t)o))
                continue;
            if (fl_bs_test(sp->direct, (uint32_t)o)) {
                pick = &run[i];
                break;
            }
            if (!pick)
                pick = &run[i];
        }
        if (pick && let_go_before(t, sp, (uint32_t)obj_index(t, pick->var), block)) {
            if (t->ctx->verbose && !sp->noted_let_go) {
                diag *d = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                                   "not reporting `%s`: the thread's last use of it signals a field of it, which "
                                   "`%s` waits for before `%s` dies",
                                   pick->var->name, t->ctx->fn->name, pick->var->name);
                diag_primary(d, sp->call->span, NULL);
                diag_sink_add(t->ctx->sink, d);
            }
            sp->noted_let_go = true;
            continue; /* this way out; another that skips the wait is still checked */
        }
        bool error_exit = pick && error_exit_of_main(t, pick);
        if (error_exit) { /* the other ways out are still checked */
            if (!sp->noted_exit)
                note_bail_out(t, sp, pick, true);
            sp->noted_exit = true;
        } else if (pick && bailing_out_of_main(t, block)) {
            note_bail_out(t, sp, pick, false);
            sp->reported = true;
        } else if (pick)
            report(t, sp, (uint32_t)obj_index(t, pick->var), pick, block);
    }
}

static fl_span last_byte(fl_span s)
{
    if (s.end > s.begin)
        s.begin = s.end - 1;
    return s;
}

static const char *join_fn(const spawn_site *sp)
{
    return strcmp(sp->tc.api, "thrd_create") == 0 ? "thrd_join" : "pthread_join";
}

/* Every path from the entry to block `to` goes through block `via` (a search that avoids `via`;
   run for a report only). */
static bool dominates(tb *t, uint32_t via, uint32_t to)
{
    const cfg *g = t->g;
    if (via == to || via == g->entry)
        return true;
    bool *seen = fl_arena_zalloc(t->A, g->nblocks * sizeof *seen);
    uint32_t *stack = fl_arena_alloc(t->A, (g->nblocks + 1) * sizeof *stack);
    uint32_t n = 0;
    stack[n++] = g->entry;
    seen[g->entry] = seen[via] = true;
    while (n) {
        const cfg_block *b = &g->blocks[stack[--n]];
        if (b->id == to)
            return false;
        for (uint32_t i = 0; i < b->nsuccs; i++)
            if (!seen[b->succs[i]]) {
                seen[b->succs[i]] = true;
                stack[n++] = b->succs[i];
            }
    }
    return true;
}

/* Block `b` can run again after itself (it is in a loop): a spawn there may have started
   threads that its handle no longer names. */
static bool in_cycle(tb *t, uint32_t b)
{
    const cfg *g = t->g;
    bool *seen = fl_arena_zalloc(t->A, g->nblocks * sizeof *seen);
    uint32_t *stack = fl_arena_alloc(t->A, (g->nblocks + 1) * sizeof *stack);
    uint32_t n = 0;
    stack[n++] = b;
    while (n) {
        const cfg_block *x = &g->blocks[stack[--n]];
        for (uint32_t i = 0; i < x->nsuccs; i++) {
            if (x->succs[i] == b)
                return true;
            if (!seen[x->succs[i]]) {
                seen[x->succs[i]] = true;
                stack[n++] = x->succs[i];
            }
        }
    }
    return false;
}

/* `h` can be named at `at`: a parameter, a global, or a local whose block holds `at` (found by
   descending from the body towards its declaration). */
static bool name_in_scope(const ast_func *fn, const ast_var *h, fl_span at)
{
    if (!h || h->storage == STORAGE_PARAM || h->storage == STORAGE_GLOBAL)
        return h != NULL;
    if (h->storage != STORAGE_LOCAL || !h->decl)
        return false;
    uint32_t pos = h->decl->span.begin;
    const ast_node *n = fn->body, *block = NULL;
    while (n && n != h->decl) {
        if (n->kind == AST_COMPOUND || n->kind == AST_FOR)
            block = n;
        const ast_node *next = NULL;
        for (uint16_t k = 0; k < n->nkids && !next; k++) {
            const ast_node *kid = n->kids[k];
            if (kid && kid->span.file == h->decl->span.file && kid->span.begin <= pos && pos < kid->span.end)
                next = kid;
        }
        n = next;
    }
    return n && block && block->span.file == at.file && block->span.begin <= at.begin && at.end <= block->span.end;
}

static void report(tb *t, spawn_site *sp, uint32_t o, const cfg_elem *death, uint32_t death_block)
{
    sp->reported = true;
    ast_var *v = t->objs[o];
    const char *fname = t->ctx->fn->name;
    bool lit = v->flags & AST_VAR_COMPOUND_LITERAL;
    const char *what = lit ? "a compound literal" : v->storage == STORAGE_PARAM ? "parameter" : "variable";

    diag *d = lit ? diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME,
                             "thread may outlive a compound literal it borrows from the stack of `%s`", fname)
                  : diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME,
                             "thread may outlive borrowed %s `%s` of `%s`", what, v->name, fname);

    ast_node *arg = sp->tc.arg;
    ast_node *a = ast_strip_casts(arg);
    bool direct = a && ((a->kind == AST_UNARY && a->op == UN_ADDR_OF && direct_root(a->kids[0]) == v) ||
                        (a->kind == AST_REF && a->var == v) || (a->kind == AST_COMPOUND_LIT && a->var == v));
    if (lit)
        diag_primary(d, arg->span, "the thread borrows this compound literal");
    else if (direct)
        diag_primary(d, arg->span, "`%s` is borrowed here by the spawned thread", v->name);
    else
        diag_primary(d, arg->span, "this argument gives the thread the address of `%s`", v->name);

    if (!lit) {
        if (v->storage == STORAGE_PARAM)
            diag_secondary(d, v->span, "`%s` is a parameter: it dies when `%s` returns", v->name, fname);
        else
            diag_secondary(d, v->span, "`%s` declared here", v->name);
    }
    ast_node *callee = sp->call->kids[0];
    const fn_summary *sum = sp->tc.via_wrapper ? sum_of(&t->ctx->fx->sums, sp->call->callee) : NULL;
    if (sp->tc.via_wrapper)
        diag_secondary(d, callee->span, "thread spawned here by `%s`", sp->tc.api);
    else
        diag_secondary(d, callee->span, "thread spawned here");

    ast_node *dn = death->node;
    bool jump = dn && (dn->kind == AST_RETURN || dn->kind == AST_BREAK || dn->kind == AST_CONTINUE ||
                       dn->kind == AST_GOTO);
    const char *vn = lit ? "the compound literal" : fl_arena_sprintf(t->A, "`%s`", v->name);
    if (dn && dn->kind == AST_RETURN)
        diag_secondary(d, dn->span, "`%s` returns here, and %s dies while the thread may still be running",
                       fname, vn);
    else if (jump)
        diag_secondary(d, dn->span, "leaving the scope here ends %s while the thread may still be running", vn);
    else if (dn && (dn->kind == AST_FOR || dn->kind == AST_WHILE || dn->kind == AST_DO))
        diag_secondary(d, (fl_span){dn->span.file, dn->span.begin, dn->span.begin + (dn->kind == AST_FOR ? 3 : 2)},
                       "%s dies when this loop ends, while the thread may still be running", vn);
    else if (dn)
        diag_secondary(d, last_byte(dn->span), "%s dies here while the thread may still be running", vn);

    /* The other stack objects the same thread reaches. */
    fl_strbuf others = {0};
    uint32_t nothers = 0;
    for (uint32_t o2 = 0; o2 < t->nobj; o2++) {
        if (o2 == o || !fl_bs_test(sp->borrowed, o2))
            continue;
        if (nothers++ < 3) {
            ast_var *w = t->objs[o2];
            fl_sb_printf(&others, "%s%s%s%s", nothers > 1 ? ", " : "",
                         w->flags & AST_VAR_COMPOUND_LITERAL ? "a compound literal" : "`",
                         w->flags & AST_VAR_COMPOUND_LITERAL ? "" : w->name,
                         w->flags & AST_VAR_COMPOUND_LITERAL ? "" : "`");
        }
    }
    if (nothers > 3)
        fl_sb_printf(&others, " and %u more", nothers - 3);
    if (nothers)
        diag_note(d, "the thread can also reach %s on the stack of `%s`", fl_sb_str(&others), fname);
    fl_sb_free(&others);

    /* Why it was not joined. */
    const run_join *detach = NULL, *join = NULL;
    for (uint32_t j = 0; j < t->rf->njoins; j++) {
        const run_join *js = &t->rf->joins[j];
        if (!sp->handle.root || !place_may_alias(js->handle, sp->handle))
            continue;
        if (js->kind == THR_DETACH && !detach)
            detach = js;
        if (js->kind == THR_JOIN && !join)
            join = js;
    }
    const char *h = sp->handle.root ? place_str(t->A, sp->handle) : NULL;
    const ast_callee *wrapper = sp->tc.via_wrapper ? sp->call->callee : NULL;
    bool wrapper_detaches = sp->unjoinable && sp->tc.handle_kind == THR_HANDLE_DETACHED;
    if (wrapper_detaches && wrapper)
        diag_note_at(d, wrapper->span, "`%s` detaches the thread it starts, so nothing waits for it to finish",
                     sp->tc.api);
    else if (sp->unjoinable)
        diag_note(d, "`%s` keeps the new thread's handle to itself (not in an argument), and nothing in `%s` "
                     "joins the thread",
                  sp->tc.api, fname);
    else if (detach)
        diag_note_at(d, detach->call->span, "the thread is detached here, so nothing waits for it to finish");
    else if (join && strstr(sp->handle.path, "[*]"))
        diag_note_at(d, join->call->span, "threads in `%s` are joined here, but not on every path before %s dies",
                     place_str(t->A, (place){sp->handle.root, ""}), vn);
    else if (join)
        diag_note_at(d, join->call->span, "`%s` is joined here, but not on every path before %s dies", h, vn);
    else if (!h && handle_param(sp))
        diag_note(d, "the thread's handle goes back to the caller through `%s`, so nothing in `%s` joins the "
                     "thread before it returns",
                  handle_param(sp)->name, fname);
    else
        diag_note(d, "`%s` is never joined in `%s`, so the thread may run after `%s` returns", h, fname, fname);

    if (sum && sum->spawn_api)
        diag_note_at(d, sum->spawn_span, "the thread `%s` starts is created here", sp->tc.api);
    if (sp->unjoinable && !wrapper_detaches)
        diag_help(d, "make sure the thread is joined before %s goes out of scope, or give it heap memory it "
                     "owns with `fl_move`",
                  vn);
    else if (detach || wrapper_detaches)
        diag_help(d, "a detached thread must not borrow stack data: give it heap memory it owns, "
                     "e.g. `%s(..., fl_move(data))` with `data` from malloc",
                  sp->tc.api);
    else if (!h && handle_param(sp))
        diag_help(d, "the caller joins the thread, after `%s` has returned: give it memory that outlives `%s` "
                     "(heap memory it owns with `fl_move`, or an object of the caller's)",
                  fname, fname);
    else if (strstr(sp->handle.path, "[*]"))
        diag_help(d, "join every thread started into `%s` before %s goes out of scope, or give each thread heap "
                     "memory it owns with `fl_move`",
                  place_str(t->A, (place){sp->handle.root, ""}), vn);
    else if (dn && dn->kind == AST_RETURN && !sp->tc.via_wrapper && name_in_scope(t->ctx->fn, sp->handle.root, dn->span) &&
             !(dn->nkids && ast_mentions_var(dn->kids[0], sp->handle.root)) && /* `return t;`: the caller joins */
             dominates(t, sp->block, death_block) && !in_cycle(t, sp->block)) {
        /* a join right before the return: the spawn is on every path there and the handle
           in scope, so the join never waits on a thread that was not started */
        const char *call = fl_arena_sprintf(t->A, "%s(%s, NULL);", join_fn(sp), h);
        diag_help_insert_stmt(d, dn->span, call,
                              "join the thread before %s goes out of scope: `%s`, or give it heap memory it owns "
                              "with `fl_move`",
                              vn, call);
    } else
        diag_help(d, "join the thread before %s goes out of scope: `%s(%s, NULL);`, or give it heap memory "
                     "it owns with `fl_move`",
                  vn, join_fn(sp), h);
    diag_sink_add(t->ctx->sink, d);
}

/* ---- setup ------------------------------------------------------------------------------- */

static void note_skipped(tb *t, spawn_site *sp, const char *why)
{
    if (!t->ctx->verbose)
        return;
    diag *d = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME, "not checking this spawn: %s", why);
    diag_primary(d, sp->call->span, NULL);
    diag_sink_add(t->ctx->sink, d);
}

/* The function a spawn's thread runs, when the spawn names it and its body is in this unit; and
   whether that body never reads its argument (a reference cast to void, `(void)arg;`, is no
   read). The tree is walked with a stack of its own. */
static const ast_func *thread_ignores_arg(const spawn_site *sp)
{
    const ast_callee *c = sp->tc.func ? thr_named_fn(sp->tc.func) : NULL;
    const ast_func *fn = c ? c->def : NULL;
    if (!fn || !fn->body || fn->nparams != 1)
        return NULL;
    const ast_var *arg = fn->params[0];
    FL_VEC(const ast_node *) stack = {0};
    fl_vec_push(&stack, (const ast_node *)fn->body);
    bool used = false;
    while (stack.len && !used) {
        const ast_node *n = stack.items[--stack.len];
        if (!n)
            continue;
        if (n->kind == AST_CAST && (n->ty & TY_VOID) && n->nkids == 1) {
            const ast_node *k = ast_strip_parens((ast_node *)n->kids[0]);
            if (k && k->kind == AST_REF && k->var == arg)
                continue;
        }
        used = n->kind == AST_REF && n->var == arg;
        for (uint16_t i = 0; i < n->nkids; i++)
            fl_vec_push(&stack, (const ast_node *)n->kids[i]);
    }
    fl_vec_free(&stack);
    return used ? NULL : fn;
}

static void mark_object(tb *t, ast_var *v)
{
    if (ast_var_is_auto(v) && v->index < t->nvars && t->obj_of[v->index] < 0)
        t->obj_of[v->index] = 0; /* numbered below */
}

/* Find stack objects: address taken, arrays, compound literals. */
static void collect_objects(tb *t)
{
    const cfg *g = t->g;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            ast_node *n = el->node;
            if (el->kind != CFG_EXPR || !n)
                continue;
            if (n->kind == AST_UNARY && n->op == UN_ADDR_OF)
                mark_object(t, direct_root(n->kids[0]));
            else if ((n->kind == AST_REF || n->kind == AST_MEMBER || n->kind == AST_INDEX) && (n->ty & TY_ARRAY))
                mark_object(t, direct_root(n));
            else if (n->kind == AST_COMPOUND_LIT)
                mark_object(t, n->var);
        }
    }
}

void check_thread_borrow(check_ctx *ctx)
{
    const cfg *g = ctx->g;
    const run_fn *rf = g && ctx->fx->running ? ctx->fx->running[ctx->fn->index] : NULL;
    if (!rf)
        return;
    tb t = {0};
    t.ctx = ctx;
    t.g = g;
    t.A = ctx->arena;
    t.rf = rf;
    t.nvars = ctx->fn->nvars;
    t.obj_of = fl_arena_alloc(t.A, (t.nvars + 1) * sizeof *t.obj_of);
    t.trk_of = fl_arena_alloc(t.A, (t.nvars + 1) * sizeof *t.trk_of);
    for (uint32_t i = 0; i < t.nvars; i++)
        t.obj_of[i] = t.trk_of[i] = -1;

    collect_objects(&t);
    for (uint32_t i = 0; i < t.nvars; i++) {
        ast_var *v = ctx->fn->vars[i];
        if (v->ty & TY_ARRAY)
            t.obj_of[i] = 0;
    }
    t.objs = fl_arena_alloc(t.A, (t.nvars + 1) * sizeof *t.objs);
    for (uint32_t i = 0; i < t.nvars; i++) {
        ast_var *v = ctx->fn->vars[i];
        if (t.obj_of[i] >= 0) {
            t.objs[t.nobj] = v;
            t.obj_of[i] = (int32_t)t.nobj++;
        }
        if (ast_var_is_auto(v) && (v->ty & (TY_POINTER | TY_RECORD | TY_ARRAY)))
            t.trk_of[i] = (int32_t)t.ntrk++;
    }
    if (t.nobj == 0)
        return; /* nothing on the stack is ever borrowed */
    t.objw = fl_bs_words(t.nobj);
    t.tmp = fl_arena_zalloc(t.A, t.objw * sizeof(fl_word));
    t.nspawns = rf->nspawns;
    t.spawns = FL_NEW_ARRAY(t.A, spawn_site, t.nspawns);
    for (uint32_t s = 0; s < t.nspawns; s++) {
        const run_spawn *rs = &rf->spawns[s];
        spawn_site *sp = &t.spawns[s];
        sp->call = rs->call;
        sp->block = rs->block;
        sp->tc = rs->tc;
        sp->handle = rs->handle;
        sp->unjoinable = rs->unjoinable;
        sp->borrowed = fl_arena_zalloc(t.A, t.objw * sizeof(fl_word));
        sp->direct = fl_arena_zalloc(t.A, t.objw * sizeof(fl_word));
    }

    /* Pass 1: stack addresses. */
    df_problem p1 = {0};
    p1.nbits = (2 * t.ntrk + 1) * t.objw * 64; /* +1: never zero-sized */
    p1.ctx = &t;
    p1.transfer = transfer1;
    t.pass1 = df_run(t.A, g, &p1);

    /* Each spawn's borrowed set: replay the blocks that hold spawns. */
    fl_word *st = fl_arena_alloc(t.A, fl_bs_words(p1.nbits) * sizeof(fl_word));
    bool any_borrow = false;
    for (uint32_t r = 0; r < g->nrpo; r++) {
        const cfg_block *b = &g->blocks[g->rpo[r]];
        bool holds_spawn = false;
        for (uint32_t s = 0; s < t.nspawns && !holds_spawn; s++)
            holds_spawn = rf->spawns[s].block == b->id;
        if (!holds_spawn)
            continue;
        fl_bs_copy(st, df_in(t.pass1, b->id), fl_bs_words(p1.nbits));
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            int32_t s = el->kind == CFG_EXPR ? run_spawn_of(rf, el->node) : -1;
            if (s >= 0 && t.spawns[s].tc.arg) {
                addr_objs(&t, st, t.spawns[s].tc.arg, t.spawns[s].direct);
                borrowed_by(&t, st, t.spawns[s].tc.arg, t.spawns[s].borrowed);
                const ast_func *ignores = fl_bs_empty(t.spawns[s].borrowed, t.objw)
                                              ? NULL
                                              : thread_ignores_arg(&t.spawns[s]);
                if (ignores) {
                    memset(t.spawns[s].borrowed, 0, t.objw * sizeof(fl_word));
                    if (ctx->verbose) {
                        diag *d = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                                           "not checking what this spawn lends: `%s` never reads its argument",
                                           ignores->name);
                        diag_primary(d, t.spawns[s].call->span, NULL);
                        diag_sink_add(ctx->sink, d);
                    }
                }
                any_borrow |= !fl_bs_empty(t.spawns[s].borrowed, t.objw);
            }
            elem_pass1(&t, el, st);
        }
    }
    if (!any_borrow)
        return;
    for (uint32_t s = 0; s < t.nspawns; s++) {
        spawn_site *sp = &t.spawns[s];
        if (!fl_bs_empty(sp->borrowed, t.objw) && !sp->unjoinable && !sp->handle.root && !handle_param(sp))
            note_skipped(&t, sp, "the thread handle is not a variable or field that can be followed to a join");
    }

    /* Pass 2: replay every reached block with the running threads, and report deaths. */
    fl_word *st2 = fl_arena_alloc(t.A, rf->nwords * sizeof *st2);
    for (uint32_t r = 0; r < g->nrpo; r++) {
        const cfg_block *b = &g->blocks[g->rpo[r]];
        if (!rf->df->reached[b->id])
            continue;
        run_replay c;
        run_replay_start(rf, b->id, st2, &c);
        for (uint32_t i = 0; i < b->nelems; i++) {
            if (b->elems[i].kind == CFG_SCOPE_END && (i == 0 || b->elems[i - 1].kind != CFG_SCOPE_END)) {
                uint32_t j = i;
                while (j < b->nelems && b->elems[j].kind == CFG_SCOPE_END)
                    j++;
                run_replay_to(&c, i, st2);
                report_deaths(&t, &b->elems[i], j - i, st2, b->id);
            }
        }
    }
}
