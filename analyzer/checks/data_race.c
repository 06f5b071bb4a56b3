/* data_race.c - data-race (FL0201): two threads may access the same location at once, at least
 * one writing, with no lock in common.
 *
 * Runs once per unit (ctx->fn == NULL), on the threads of facts/access.h:
 *
 *  1. Locations: globals and function statics (by object and field path, `stats.requests`),
 *     and fields of the object a thread gets as its argument (`s->requests` where `s = arg`),
 *     matched with the spawner's own accesses to the object it passed (`&stats` -> `stats.x`,
 *     a pointer `p` -> `p->x`). Locals, thread-locals, _Atomic and const objects, array
 *     elements with a non-constant index, and anything reached through another pointer are not
 *     locations here (silence, not a guess).
 *
 *  2. Order: a forward dataflow over every function that spawns, two bits per spawn site: the
 *     thread may be running (set at the spawn, cleared at a join of its handle, by a loop of
 *     joins when the loop ends, and by a call that may join it), and "its argument still names
 *     the same object" (cleared when the pointer is reassigned or the object's scope ends).
 *     Code before a spawn and after the join of its handle is ordered with that thread. A
 *     function called while a thread runs runs in parallel with it (`par`), transitively.
 *     A thread runs in parallel with itself when a spawn of it is reached while an earlier one
 *     may still run (a loop, two sites), with another thread when one is spawned while the
 *     other may run.
 *
 *  3. Locks: facts/locks.h's must-held set before each access, plus the locks every caller of
 *     the function holds at its calls (a helper called with a lock held inherits it). Locks are
 *     compared by object: globals by variable, `s->mu` of the thread argument as the spawner's
 *     `stats.mu`. A lock fearless cannot name (through some pointer) makes a pair a "maybe":
 *     explained under --verbose only.
 *
 * One report per location: the first pair found, primary on the write.
 */
#include <stdlib.h>
#include <string.h>

#include "../base/bitset.h"
#include "../base/vec.h"
#include "../diag/diag.h"
#include "../facts/access.h"
#include "../facts/locks.h"
#include "../facts/threads.h"
#include "../ir/dataflow.h"
#include "../ir/place.h"
#include "registry.h"

#define CHECK_NAME "data-race"
#define CHECK_CODE "FL0201"

/* ---- locksets: interned lock keys with their mode ------------------------------------------ */

typedef struct dlock {
    uint32_t key;  /* index in dr.keys */
    bool excl;     /* held for writing (mutex, rwlock write side); false: rwlock read side */
} dlock;

typedef struct lockset {
    dlock *l;
    uint32_t n;
    bool unknown;  /* holds some lock fearless cannot name: may be any lock */
    bool top;      /* entry sets only: not computed yet (the meet's identity) */
} lockset;

/* ---- per-unit state ------------------------------------------------------------------------ */

typedef struct spawner {
    uint32_t *sp;      /* spawn indices (acc_threads.spawns) in this function */
    uint32_t n;
    uint32_t nw;       /* words of the state: 2 bits per spawn (R = 2j, A = 2j + 1) */
    df_result *df;
} spawner;

typedef struct sp_info {
    place handle;      /* the handle's place; root NULL: cannot be named */
    ast_var *handle_var;
    const char *obj;   /* key prefix of the object the argument points to ("v:0x..", "g:..", "p:.."), or NULL */
    const char *obj_root; /* the key of obj_var alone (obj without the path of `&x.f`) */
    ast_var *obj_var;  /* the variable naming it (the pointer for "p:") */
    bool obj_shared;   /* reached while an earlier spawn with the same object may run */
} sp_info;

typedef struct access {
    const char *loc;   /* location key */
    const char *name;  /* as written, for messages */
    ast_node *node;
    uint32_t func;
    bool write;
    lockset locks;     /* own must-held locks (inherited ones added later) */
    fl_word *run;      /* spawner state at the access (function with spawns), else NULL */
    int32_t arg_entry; /* an access to the thread argument's object of this entry function, else -1 */
    int32_t spawn;     /* derived copies of arg accesses: the spawn whose object it is, else -1 */
} access;

typedef FL_VEC(access) access_vec;

/* A direct call between functions of the unit and the locks its caller holds there. */
typedef struct call_rec {
    uint32_t caller, callee;
    lockset locks;
} call_rec;

typedef struct dr {
    check_ctx *ctx;
    fl_arena *A;
    const ast_tu *tu;
    cfg *const *cfgs;
    const acc_threads *th;
    const lock_unit *lu;
    uint32_t nf, ne;       /* functions, entry threads */
    FL_VEC(const char *) keys;
    FL_VEC(const char *) key_names; /* per key: the lock as written, for messages */
    spawner *spn;          /* per function; n == 0 when it spawns nothing */
    sp_info *si;           /* per spawn */
    bool *reaches_join;    /* per function: it or a callee joins some thread */
    fl_word **par;         /* per function: entries (bits over th->threads[0..ne)) that may run while it is called */
    lockset *ent;          /* per function: locks held by every caller */
    bool *is_alias;        /* per var of the current function: the thread argument (entries only) */
    int32_t cur_entry;     /* tu->funcs index of the current function when it is an entry, else -1 */
    access_vec acc;
    bool *opaque_lock;      /* per function: calls a lock function fearless does not know (xpthread_mutex_lock) */
    bool *uses_sync;        /* per thread (th->threads): runs a barrier or semaphore call */
    bool *calls_sync;       /* per function: calls one itself */
    fl_word **spawn_state;  /* per spawn: the spawner's state right before it */
    bool *multiple;         /* per entry thread: may run twice at once */
    bool *overlap;          /* ne * ne: entry threads that may run at once */
    FL_VEC(call_rec) calls;
} dr;

static uint32_t intern(dr *d, const char *k, const char *name)
{
    for (size_t i = 0; i < d->keys.len; i++)
        if (strcmp(d->keys.items[i], k) == 0)
            return (uint32_t)i;
    fl_vec_push(&d->keys, k);
    fl_vec_push(&d->key_names, name);
    return (uint32_t)(d->keys.len - 1);
}

static bool is_shared_storage(const ast_var *v)
{
    return v && (v->storage == STORAGE_GLOBAL || v->storage == STORAGE_STATIC_LOCAL);
}

/* A path with no dereference and no unknown index ("", ".f", "[2].g"). */
static bool direct_path(const char *p)
{
    return p && !strchr(p, '*');
}

/* The spawn-object key of a variable in function f ("v:"/"p:" prefix), or NULL. */
static const char *obj_key_of(dr *d, uint32_t f, const ast_var *v, bool through_ptr)
{
    const spawner *s = &d->spn[f];
    for (uint32_t j = 0; j < s->n; j++) {
        const sp_info *i = &d->si[s->sp[j]];
        if (i->obj && i->obj_var == v && (i->obj[0] == 'p') == through_ptr)
            return i->obj_root;
    }
    return NULL;
}

/* The key of a place in function f: "g:<var>path" for globals, "a:<entry>rest" for the thread
   argument's object, a spawn object's key for the spawner's locals; NULL for anything else. */
static const char *place_key(dr *d, uint32_t f, place p)
{
    if (!p.root || !p.path || strstr(p.path, "[*]"))
        return NULL;
    if (is_shared_storage(p.root))
        return direct_path(p.path) ? fl_arena_sprintf(d->A, "g:%p%s", (void *)p.root, p.path) : NULL;
    if (p.root->storage == STORAGE_THREAD_LOCAL)
        return NULL;
    if (d->cur_entry == (int32_t)f && d->is_alias && p.root->index < d->tu->funcs[f]->nvars &&
        d->tu->funcs[f]->vars[p.root->index] == p.root && d->is_alias[p.root->index]) {
        if (p.path[0] == '*' && direct_path(p.path + 1))
            return fl_arena_sprintf(d->A, "a:%u%s", f, p.path + 1);
        return NULL;
    }
    if (d->spn[f].n) {
        if (direct_path(p.path)) {
            const char *k = obj_key_of(d, f, p.root, false);
            return k ? fl_arena_sprintf(d->A, "%s%s", k, p.path) : NULL;
        }
        if (p.path[0] == '*' && direct_path(p.path + 1)) {
            const char *k = obj_key_of(d, f, p.root, true);
            return k ? fl_arena_sprintf(d->A, "%s%s", k, p.path + 1) : NULL;
        }
    }
    return NULL;
}

/* ---- the thread argument's aliases in an entry function ------------------------------------ */

static bool alias_expr(dr *d, const ast_func *fn, ast_node *e)
{
    e = ast_strip_casts(e);
    return e && e->kind == AST_REF && e->var && e->var->index < fn->nvars && fn->vars[e->var->index] == e->var &&
           d->is_alias[e->var->index];
}

/* The first parameter, and locals whose every definition copies an alias (`struct s *s = arg;`),
   never reassigned otherwise and whose address is not taken. */
static void find_aliases(dr *d, const ast_func *fn, const cfg *g)
{
    d->is_alias = FL_NEW_ARRAY(d->A, bool, fn->nvars ? fn->nvars : 1);
    if (!fn->nparams || !(fn->params[0]->ty & TY_POINTER))
        return;
    for (uint32_t v = 0; v < fn->nvars; v++)
        d->is_alias[v] = (fn->vars[v]->ty & TY_POINTER) && !(fn->vars[v]->flags & AST_VAR_ADDRESS_TAKEN) &&
                         (v == fn->params[0]->index || fn->vars[v]->storage == STORAGE_LOCAL);
    for (bool changed = true; changed;) {
        changed = false;
        bool *defd = FL_NEW_ARRAY(d->A, bool, fn->nvars);
        for (uint32_t bi = 0; bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                const cfg_elem *el = &g->blocks[bi].elems[i];
                ast_var *v = NULL;
                ast_node *rhs = NULL;
                if (el->kind == CFG_DECL && el->var) {
                    v = el->var;
                    rhs = el->node && el->node->nkids ? el->node->kids[0] : NULL;
                } else if (el->kind == CFG_EXPR && el->node->kind == AST_BINARY && el->node->op >= BIN_ASSIGN &&
                           el->node->op <= BIN_OR_ASSIGN) {
                    ast_node *l = ast_strip_parens(el->node->kids[0]);
                    if (l && l->kind == AST_REF)
                        v = l->var;
                    rhs = el->node->op == BIN_ASSIGN ? el->node->kids[1] : NULL;
                } else if (el->kind == CFG_EXPR && el->node->kind == AST_UNARY && el->node->op >= UN_POST_INC &&
                           el->node->op <= UN_PRE_DEC) {
                    ast_node *l = ast_strip_parens(el->node->kids[0]);
                    if (l && l->kind == AST_REF)
                        v = l->var;
                }
                if (!v || v->index >= fn->nvars || fn->vars[v->index] != v || !d->is_alias[v->index])
                    continue;
                if (v->index == fn->params[0]->index || !rhs || !alias_expr(d, fn, rhs)) {
                    d->is_alias[v->index] = false;
                    changed = true;
                } else
                    defd[v->index] = true;
            }
        for (uint32_t v = 0; v < fn->nvars; v++)
            if (d->is_alias[v] && v != fn->params[0]->index && !defd[v]) {
                d->is_alias[v] = false;
                changed = true;
            }
    }
}

/* ---- spawner dataflow ---------------------------------------------------------------------- */

static bool harmless_call(const char *name)
{
    static const char *const names[] = {
        "printf", "fprintf", "dprintf", "snprintf", "sprintf", "puts", "fputs", "perror",
        "pthread_setname_np", "pthread_getname_np", "pthread_setaffinity_np", "pthread_getaffinity_np",
        "pthread_setschedparam", "pthread_getschedparam", "pthread_kill", "pthread_cancel", "pthread_equal",
        "thrd_equal", "memset", "memcpy", "strerror",
    };
    if (!name)
        return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

typedef struct sp_ctx {
    dr *d;
    uint32_t f;
} sp_ctx;

static void sp_elem(dr *d, uint32_t f, const cfg_elem *el, fl_word *st)
{
    const spawner *s = &d->spn[f];
    if (el->kind != CFG_EXPR) {
        for (uint32_t j = 0; j < s->n; j++)
            if (d->si[s->sp[j]].obj_var == el->var)
                fl_bs_clear(st, 2 * j + 1);
        return;
    }
    ast_node *n = el->node;
    if (n->kind == AST_BINARY && n->op == BIN_ASSIGN) {
        ast_node *l = ast_strip_parens(n->kids[0]);
        if (l && l->kind == AST_REF)
            for (uint32_t j = 0; j < s->n; j++)
                if (d->si[s->sp[j]].obj_var == l->var && d->si[s->sp[j]].obj[0] == 'p')
                    fl_bs_clear(st, 2 * j + 1);
        return;
    }
    if (n->kind != AST_CALL)
        return;
    thr_call tc = thr_classify(&d->ctx->fx->sums, n);
    if (tc.kind == THR_SPAWN) {
        for (uint32_t j = 0; j < s->n; j++)
            if (d->th->spawns[s->sp[j]].call == n) {
                fl_bs_set(st, 2 * j);
                fl_bs_set(st, 2 * j + 1);
            }
        return;
    }
    if (tc.kind == THR_JOIN) {
        place h = thr_handle_place(d->A, &tc);
        for (uint32_t j = 0; j < s->n; j++) {
            place sh = d->si[s->sp[j]].handle;
            /* a join of a handle we cannot name may be any thread's: assume joined (silence) */
            if (!h.root || !sh.root || place_may_alias(sh, h)) {
                fl_bs_clear(st, 2 * j);
                fl_bs_clear(st, 2 * j + 1);
            }
        }
        return;
    }
    if (tc.kind == THR_DETACH || harmless_call(n->name))
        return; /* a detached thread runs on: never joined */
    /* a function of the unit joins only if it (or a callee) does; any other may join a handle
       it is given, or one kept in a global */
    bool in_unit = n->callee && n->callee->def && n->callee->def->index < d->nf && d->cfgs[n->callee->def->index];
    bool joins_all = in_unit && d->reaches_join[n->callee->def->index];
    for (uint32_t j = 0; j < s->n; j++) {
        const sp_info *i = &d->si[s->sp[j]];
        bool may_join = joins_all || (!in_unit && i->handle_var && is_shared_storage(i->handle_var));
        for (uint16_t k = 1; k < n->nkids && !may_join && !in_unit; k++)
            may_join = ast_mentions_var(n->kids[k], i->handle_var);
        if (may_join) {
            fl_bs_clear(st, 2 * j);
            fl_bs_clear(st, 2 * j + 1);
        }
    }
}

static void sp_transfer(void *c, const cfg *g, const cfg_block *b, fl_word *st)
{
    sp_ctx *x = c;
    (void)g;
    for (uint32_t i = 0; i < b->nelems; i++)
        sp_elem(x->d, x->f, &b->elems[i], st);
}

/* The spawn (index in d->spn[f]) whose status `e` is, tested at the end of block b: the call
   itself, or a variable whose last assignment before the test (in b or its chain of single
   predecessors) is the call (`rc = pthread_create(...); if (rc)`); -1 otherwise. */
static int32_t status_spawn(dr *d, uint32_t f, const cfg *g, const cfg_block *b, ast_node *e)
{
    const spawner *s = &d->spn[f];
    e = ast_strip_casts(e);
    if (e && e->kind == AST_REF && e->var) {
        for (int hops = 0; b && hops < 8; hops++) {
            for (uint32_t i = b->nelems; i-- > 0;) {
                const cfg_elem *el = &b->elems[i];
                ast_node *rhs = NULL;
                if (el->kind == CFG_DECL && el->var == e->var)
                    rhs = el->node && el->node->nkids ? el->node->kids[0] : NULL;
                else if (el->kind == CFG_EXPR && el->node->kind == AST_BINARY && el->node->op == BIN_ASSIGN) {
                    ast_node *l = ast_strip_parens(el->node->kids[0]);
                    if (!l || l->kind != AST_REF || l->var != e->var)
                        continue;
                    rhs = el->node->kids[1];
                } else
                    continue;
                e = ast_strip_casts(rhs);
                goto found;
            }
            b = b->npreds == 1 ? &g->blocks[b->preds[0]] : NULL;
        }
        return -1;
    }
found:
    if (!e || e->kind != AST_CALL)
        return -1;
    for (uint32_t j = 0; j < s->n; j++)
        if (d->th->spawns[s->sp[j]].call == e)
            return (int32_t)j;
    return -1;
}

static bool is_zero(const ast_node *e)
{
    e = ast_strip_casts((ast_node *)e);
    return e && ((e->kind == AST_LITERAL && e->name && strcmp(e->name, "0") == 0) ||
                 (e->kind == AST_REF && e->name && strcmp(e->name, "thrd_success") == 0));
}

/* A branch on a spawn's status: the thread exists only on the success edge (status 0). */
static void spawn_status_edge(dr *d, uint32_t f, const cfg *g, const cfg_block *b, uint32_t succ, fl_word *st)
{
    ast_node *c = ast_strip_parens(b->cond);
    int failure = 0; /* the successor taken when the spawn failed */
    ast_node *stat = c;
    if (c && c->kind == AST_UNARY && c->op == UN_LNOT) {
        stat = c->kids[0];
        failure = 1;
    } else if (c && c->kind == AST_BINARY && (c->op == BIN_NE || c->op == BIN_EQ) && is_zero(c->kids[1])) {
        stat = c->kids[0];
        failure = c->op == BIN_NE ? 0 : 1;
    }
    if ((int)succ != failure)
        return;
    int32_t j = status_spawn(d, f, g, b, stat);
    if (j >= 0) {
        fl_bs_clear(st, 2 * (uint32_t)j);
        fl_bs_clear(st, 2 * (uint32_t)j + 1);
    }
}

/* On the failure edge of a spawn's status test, the thread does not exist; leaving a loop that
   joins threads, its zero-iteration path is not one that happens. */
static void sp_edge(void *c, const cfg *g, const cfg_block *b, uint32_t succ, fl_word *st)
{
    sp_ctx *x = c;
    if (b->cond && b->nsuccs == 2)
        spawn_status_edge(x->d, x->f, g, b, succ, st);
    if (!b->cond || !b->loop || g->blocks[b->succs[succ]].loop == b->loop)
        return;
    const spawner *s = &x->d->spn[x->f];
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *lb = &g->blocks[bi];
        if (lb->loop != b->loop)
            continue;
        for (uint32_t i = 0; i < lb->nelems; i++) {
            ast_node *n = lb->elems[i].node;
            if (lb->elems[i].kind != CFG_EXPR || n->kind != AST_CALL)
                continue;
            thr_call tc = thr_classify(&x->d->ctx->fx->sums, n);
            if (tc.kind != THR_JOIN)
                continue;
            place h = thr_handle_place(x->d->A, &tc);
            for (uint32_t j = 0; j < s->n; j++) {
                place sh = x->d->si[s->sp[j]].handle;
                if (!h.root || !sh.root || place_may_alias(sh, h)) {
                    fl_bs_clear(st, 2 * j);
                    fl_bs_clear(st, 2 * j + 1);
                }
            }
        }
    }
}

/* The handle of a spawn returning it: `t = spawn(...)` or `pthread_t t = spawn(...)`. */
static place result_handle(dr *d, const cfg *g, const acc_spawn *sp)
{
    const cfg_block *b = &g->blocks[sp->block];
    for (uint32_t i = sp->elem + 1; i < b->nelems; i++) {
        const cfg_elem *el = &b->elems[i];
        if (el->kind == CFG_DECL && el->node && el->node->nkids && ast_strip_casts(el->node->kids[0]) == sp->call)
            return (place){el->var, ""};
        if (el->kind == CFG_EXPR && el->node->kind == AST_BINARY && el->node->op == BIN_ASSIGN &&
            ast_strip_casts(el->node->kids[1]) == sp->call)
            return place_of(d->A, el->node->kids[0]);
    }
    return (place){NULL, NULL};
}

static void setup_spawns(dr *d)
{
    d->si = FL_NEW_ARRAY(d->A, sp_info, d->th->nspawns);
    d->spn = FL_NEW_ARRAY(d->A, spawner, d->nf);
    for (uint32_t s = 0; s < d->th->nspawns; s++) {
        const acc_spawn *sp = &d->th->spawns[s];
        sp_info *i = &d->si[s];
        const cfg *g = d->cfgs[sp->func];
        if (sp->tc.handle_kind == THR_HANDLE_PTR)
            i->handle = thr_handle_place(d->A, &sp->tc);
        else if (sp->tc.handle_kind == THR_HANDLE_RESULT)
            i->handle = result_handle(d, g, sp);
        i->handle_var = i->handle.root;
        /* the object the argument points to */
        ast_node *a = ast_strip_casts(sp->tc.arg);
        if (a && a->kind == AST_UNARY && a->op == UN_ADDR_OF) {
            place p = place_of(d->A, a->kids[0]);
            if (p.root && direct_path(p.path) && !strstr(p.path, "[*]") && !(p.root->ty & TY_ARRAY)) {
                /* `&x` or `&x.f`: the object is x (plus the path), named like place_key does */
                i->obj_root = is_shared_storage(p.root)           ? fl_arena_sprintf(d->A, "g:%p", (void *)p.root)
                              : p.root->storage == STORAGE_LOCAL ? fl_arena_sprintf(d->A, "v:%p", (void *)p.root)
                                                                 : NULL;
                if (i->obj_root) {
                    i->obj = fl_arena_sprintf(d->A, "%s%s", i->obj_root, p.path);
                    i->obj_var = p.root;
                }
            }
        } else if (a && a->kind == AST_REF && a->var && (a->var->ty & TY_POINTER) &&
                   (a->var->storage == STORAGE_LOCAL || a->var->storage == STORAGE_PARAM) &&
                   !(a->var->flags & AST_VAR_ADDRESS_TAKEN)) {
            i->obj_var = a->var;
            i->obj = i->obj_root = fl_arena_sprintf(d->A, "p:%p", (void *)a->var);
        }
        if (!i->obj)
            i->obj_var = NULL;
        spawner *w = &d->spn[sp->func];
        if (!w->sp)
            w->sp = FL_NEW_ARRAY(d->A, uint32_t, d->th->nspawns);
        w->sp[w->n++] = s;
    }
    for (uint32_t f = 0; f < d->nf; f++) {
        spawner *w = &d->spn[f];
        if (!w->n)
            continue;
        w->nw = fl_bs_words(2 * w->n);
        sp_ctx x = {d, f};
        df_problem p = {0};
        p.nbits = 2 * w->n;
        p.ctx = &x;
        p.transfer = sp_transfer;
        p.edge = sp_edge;
        w->df = df_run(d->A, d->cfgs[f], &p);
    }
}

/* ---- collecting accesses ------------------------------------------------------------------- */

/* node -> parent, for one function (open addressing on the pointer). */
typedef struct pmap {
    ast_node **k, **v;
    uint32_t mask;
} pmap;

static uint32_t count_nodes(const ast_node *n)
{
    if (!n)
        return 0;
    uint32_t c = 1;
    for (uint16_t i = 0; i < n->nkids; i++)
        c += count_nodes(n->kids[i]);
    return c;
}

static void pm_put(pmap *m, ast_node *k, ast_node *v)
{
    uint32_t h = (uint32_t)(((uintptr_t)k >> 4) * 2654435761u) & m->mask;
    while (m->k[h] && m->k[h] != k)
        h = (h + 1) & m->mask;
    m->k[h] = k;
    m->v[h] = v;
}

static ast_node *pm_get(const pmap *m, const ast_node *k)
{
    uint32_t h = (uint32_t)(((uintptr_t)k >> 4) * 2654435761u) & m->mask;
    while (m->k[h]) {
        if (m->k[h] == k)
            return m->v[h];
        h = (h + 1) & m->mask;
    }
    return NULL;
}

static void pm_fill(pmap *m, ast_node *n)
{
    if (!n)
        return;
    for (uint16_t i = 0; i < n->nkids; i++)
        if (n->kids[i]) {
            pm_put(m, n->kids[i], n);
            pm_fill(m, n->kids[i]);
        }
}

/* The parent that is not a paren or cast, and the child on the way to it. */
static ast_node *real_parent(const pmap *m, ast_node *e, ast_node **child)
{
    ast_node *p = pm_get(m, e);
    while (p && (p->kind == AST_PAREN || p->kind == AST_CAST)) {
        e = p;
        p = pm_get(m, p);
    }
    *child = e;
    return p;
}

static bool is_assign(const ast_node *n)
{
    return n->kind == AST_BINARY && n->op >= BIN_ASSIGN && n->op <= BIN_OR_ASSIGN;
}

static bool is_incdec(const ast_node *n)
{
    return n->kind == AST_UNARY && n->op >= UN_POST_INC && n->op <= UN_PRE_DEC;
}

/* The locks held before element i of block b of function f (own locks only). */
static lockset own_locks(dr *d, uint32_t f, uint32_t b, uint32_t i, fl_word *scratch)
{
    lockset ls = {0};
    const lock_fn *lf = d->lu ? locks_unit_fn(d->lu, f) : NULL;
    if (!lf || !lf->nlocks)
        return ls;
    locks_state_at(lf, b, i, scratch);
    for (uint32_t l = 0; l < lf->nlocks; l++) {
        if (!locks_must_held(scratch, l)) {
            /* held on some paths by a trylock whose status went into a variable or a call
               (tested where fearless does not look): may be common. Held on some paths by plain
               locks: a path without it exists, the lock is not held. */
            if (fl_bs_test(scratch, locks_bit_h(l))) {
                uint32_t sites[16];
                uint32_t ns = locks_last_sites(lf, scratch, l, sites, 16);
                for (uint32_t k = 0; k < ns && k < 16; k++)
                    if (lf->sites[sites[k]].maybe)
                        ls.unknown = true;
            }
            continue;
        }
        const char *k = lf->locks[l].imprecise ? NULL : place_key(d, f, lf->locks[l].where);
        if (!k) {
            ls.unknown = true;
            continue;
        }
        bool excl = true;
        uint32_t sites[16];
        uint32_t ns = locks_last_sites(lf, scratch, l, sites, 16);
        for (uint32_t s = 0; s < ns && s < 16; s++)
            if (lock_op_shared(lf->sites[sites[s]].op))
                excl = false;
        if (!ls.l)
            ls.l = FL_NEW_ARRAY(d->A, dlock, lf->nlocks);
        ls.l[ls.n++] = (dlock){intern(d, k, lf->locks[l].name), excl};
    }
    return ls;
}

/* Barriers and semaphores order threads in ways fearless does not follow. */
static bool is_sync_call(const char *n)
{
    static const char *const names[] = {
        "pthread_barrier_wait", "sem_wait", "sem_trywait", "sem_timedwait", "sem_clockwait", "sem_post",
        "xpthread_barrier_wait",
    };
    for (size_t i = 0; n && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(n, names[i]) == 0)
            return true;
    return false;
}

/* A call without body, not of the lock API, given a pointer to a lock: a lock wrapper from
   elsewhere (glibc's xpthread_mutex_lock, a project's mutex_lock) that may take the lock. */
static bool opaque_lock_call(dr *d, const ast_node *n)
{
    const ast_callee *c = n->callee;
    if (!c || c->def || !n->name || strncmp(n->name, "pthread_", 8) == 0 || strncmp(n->name, "mtx_", 4) == 0 ||
        strncmp(n->name, "cnd_", 4) == 0)
        return false;
    if (d->lu && locks_summary_of(d->lu, c))
        return false;
    for (uint32_t i = 0; i < c->nparams; i++) {
        const ast_type *t = c->param_types ? c->param_types[i] : NULL;
        if (t && t->name &&
            (strstr(t->name, "pthread_mutex_t *") || strstr(t->name, "pthread_rwlock_t *") ||
             strstr(t->name, "pthread_spinlock_t *") || strstr(t->name, "mtx_t *")))
            return true;
    }
    return false;
}

/* The resolved indirect call `call` of function f, or NULL (unresolved ones have no targets). */
static const acc_icall *indirect_call(const dr *d, uint32_t f, const ast_node *call)
{
    for (uint32_t i = 0; i < d->th->nicalls; i++) {
        const acc_icall *ic = &d->th->icalls[i];
        if (ic->func == f && ic->call == call)
            return ic->unresolved ? NULL : ic;
    }
    return NULL;
}

static void collect_fn(dr *d, uint32_t f)
{
    const ast_func *fn = d->tu->funcs[f];
    const cfg *g = d->cfgs[f];
    d->cur_entry = -1;
    d->is_alias = NULL;
    if (acc_entry_of(d->th, f) >= 0) {
        d->cur_entry = (int32_t)f;
        find_aliases(d, fn, g);
    }
    uint32_t nn = count_nodes(fn->body);
    uint32_t cap = 16;
    while (cap < 2 * nn)
        cap *= 2;
    pmap m = {FL_NEW_ARRAY(d->A, ast_node *, cap), FL_NEW_ARRAY(d->A, ast_node *, cap), cap - 1};
    pm_fill(&m, fn->body);

    const lock_fn *lf = d->lu ? locks_unit_fn(d->lu, f) : NULL;
    fl_word *lst = FL_NEW_ARRAY(d->A, fl_word, lf ? lf->nwords + 1 : 1);
    const spawner *w = &d->spn[f];
    fl_word *st = w->n ? FL_NEW_ARRAY(d->A, fl_word, w->nw) : NULL;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        if (w->n) {
            if (!w->df->reached[bi])
                continue;
            fl_bs_copy(st, df_in(w->df, bi), w->nw);
        }
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            ast_node *n = el->node;
            if (el->kind == CFG_EXPR && n->kind == AST_CALL) {
                if (opaque_lock_call(d, n))
                    d->opaque_lock[f] = true;
                if (is_sync_call(n->name))
                    d->calls_sync[f] = true;
            }
            /* The functions this call may enter: its direct callee, or the targets facts/access
               resolved for a call through a pointer. Each is entered with the locks held here
               and runs in parallel with the threads running here. */
            uint32_t direct;
            const uint32_t *targets = NULL;
            uint32_t ntargets = 0;
            if (el->kind == CFG_EXPR && n->kind == AST_CALL && n->callee && n->callee->def &&
                n->callee->def->index < d->nf && d->cfgs[n->callee->def->index]) {
                direct = n->callee->def->index;
                targets = &direct;
                ntargets = 1;
            } else if (el->kind == CFG_EXPR && n->kind == AST_CALL && !n->callee) {
                const acc_icall *ic = indirect_call(d, f, n);
                if (ic) {
                    targets = ic->targets;
                    ntargets = ic->ntargets;
                }
            }
            if (ntargets) {
                lockset held = own_locks(d, f, bi, i, lst);
                for (uint32_t t = 0; t < ntargets; t++) {
                    uint32_t c = targets[t];
                    call_rec r = {f, c, held};
                    fl_vec_push(&d->calls, r);
                    for (uint32_t j = 0; j < w->n; j++)
                        if (fl_bs_test(st, 2 * j)) {
                            int32_t e = d->th->spawns[w->sp[j]].entry;
                            int32_t k = e >= 0 ? acc_entry_of(d->th, (uint32_t)e) : -1;
                            if (k >= 0 && (uint32_t)e != c)
                                fl_bs_set(d->par[c], (uint32_t)k);
                        }
                }
            }
            if (el->kind == CFG_EXPR && (n->kind == AST_REF || n->kind == AST_MEMBER || n->kind == AST_INDEX ||
                                         (n->kind == AST_UNARY && n->op == UN_DEREF))) {
                ast_node *child;
                ast_node *p = real_parent(&m, n, &child);
                /* only the whole lvalue is an access: `stats.requests`, not `stats` inside it */
                bool extends = p && p->nkids && p->kids[0] == child &&
                               (p->kind == AST_MEMBER || p->kind == AST_INDEX ||
                                (p->kind == AST_UNARY && p->op == UN_DEREF));
                bool addr = p && p->kind == AST_UNARY && p->op == UN_ADDR_OF;
                bool skip = extends || addr || (n->ty & (TY_ARRAY | TY_FUNCTION | TY_ATOMIC)) ||
                            (n->kind == AST_REF && !n->var);
                if (!skip) {
                    place pl = place_of(d->A, n);
                    const char *k = pl.root && !(pl.root->ty & TY_ATOMIC) && !(pl.root->ty & TY_CONST) &&
                                            !(pl.root->type && (pl.root->type->flags & TYPE_F_CONST)) &&
                                            !(n->ty & TY_CONST)
                                        ? place_key(d, f, pl)
                                        : NULL;
                    if (k) {
                        access a = {0};
                        a.loc = k;
                        a.name = place_str(d->A, pl);
                        a.node = n;
                        a.func = f;
                        a.write = p && ((is_assign(p) && p->kids[0] == child) || (is_incdec(p)));
                        a.locks = own_locks(d, f, bi, i, lst);
                        if (w->n)
                            a.run = fl_arena_memdup(d->A, st, w->nw * sizeof *st);
                        a.arg_entry = k[0] == 'a' ? (int32_t)f : -1;
                        a.spawn = -1;
                        fl_vec_push(&d->acc, a);
                    }
                }
            }
            if (w->n) {
                /* the state before each spawn (thread_order), and a spawn reached while an
                   earlier one with the same object may run shares it */
                if (el->kind == CFG_EXPR && n->kind == AST_CALL)
                    for (uint32_t j = 0; j < w->n; j++)
                        if (d->th->spawns[w->sp[j]].call == n && !d->spawn_state[w->sp[j]])
                            d->spawn_state[w->sp[j]] = fl_arena_memdup(d->A, st, w->nw * sizeof *st);
                if (el->kind == CFG_EXPR && n->kind == AST_CALL)
                    for (uint32_t j = 0; j < w->n; j++)
                        if (d->th->spawns[w->sp[j]].call == n && d->si[w->sp[j]].obj)
                            for (uint32_t j2 = 0; j2 < w->n; j2++)
                                if (fl_bs_test(st, 2 * j2 + 1) && d->si[w->sp[j2]].obj &&
                                    strcmp(d->si[w->sp[j2]].obj, d->si[w->sp[j]].obj) == 0 &&
                                    d->th->spawns[w->sp[j2]].entry == d->th->spawns[w->sp[j]].entry)
                                    d->si[w->sp[j]].obj_shared = d->si[w->sp[j2]].obj_shared = true;
                sp_elem(d, f, el, st);
            }
        }
    }
}

/* ---- locks every caller holds, and what runs while a thread runs ---------------------------- */

static bool ls_has(const lockset *s, uint32_t key, bool *excl)
{
    for (uint32_t i = 0; i < s->n; i++)
        if (s->l[i].key == key) {
            *excl = s->l[i].excl;
            return true;
        }
    return false;
}

static lockset ls_union(dr *d, const lockset *a, const lockset *b)
{
    lockset r = {0};
    r.unknown = a->unknown || b->unknown;
    if (!a->n && !b->n)
        return r;
    r.l = FL_NEW_ARRAY(d->A, dlock, a->n + b->n);
    for (uint32_t i = 0; i < a->n; i++)
        r.l[r.n++] = a->l[i];
    for (uint32_t i = 0; i < b->n; i++) {
        bool ex;
        if (!ls_has(&r, b->l[i].key, &ex))
            r.l[r.n++] = b->l[i];
    }
    return r;
}

/* Held by both callers: the key in both, exclusive only if both hold it so. */
static bool ls_meet_into(lockset *dst, const lockset *v)
{
    bool changed = false;
    uint32_t n = 0;
    for (uint32_t i = 0; i < dst->n; i++) {
        bool ex;
        if (!ls_has(v, dst->l[i].key, &ex)) {
            changed = true;
            continue;
        }
        dlock l = dst->l[i];
        if (l.excl && !ex) {
            l.excl = false;
            changed = true;
        }
        dst->l[n++] = l;
    }
    dst->n = n;
    if (dst->unknown && !v->unknown) {
        dst->unknown = false;
        changed = true;
    }
    return changed;
}

static bool is_root(const dr *d, uint32_t f)
{
    for (uint32_t k = 0; k < d->th->nthreads; k++)
        if (d->th->threads[k].func == f)
            return true;
    return false;
}

static void entry_locks(dr *d)
{
    d->ent = FL_NEW_ARRAY(d->A, lockset, d->nf);
    for (uint32_t f = 0; f < d->nf; f++)
        d->ent[f].top = !is_root(d, f);
    for (uint32_t round = 0; round <= d->nf + 1; round++) {
        bool changed = false;
        for (size_t c = 0; c < d->calls.len; c++) {
            const call_rec *r = &d->calls.items[c];
            if (d->ent[r->caller].top || is_root(d, r->callee)) /* roots start with no lock */
                continue;
            lockset v = ls_union(d, &r->locks, &d->ent[r->caller]);
            lockset *e = &d->ent[r->callee];
            if (e->top) {
                *e = v;
                if (v.n) {
                    e->l = FL_NEW_ARRAY(d->A, dlock, v.n);
                    memcpy(e->l, v.l, v.n * sizeof *v.l);
                }
                changed = true;
            } else
                changed |= ls_meet_into(e, &v);
        }
        if (!changed)
            break;
    }
    for (uint32_t f = 0; f < d->nf; f++)
        if (d->ent[f].top)
            d->ent[f] = (lockset){0};
}

static void propagate_par(dr *d)
{
    uint32_t nw = fl_bs_words(d->ne);
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t f = 0; f < d->nf; f++) {
            if (fl_bs_empty(d->par[f], nw))
                continue;
            for (uint32_t i = 0; i < d->th->ncalls[f]; i++)
                changed |= fl_bs_union(d->par[d->th->calls[f][i]], d->par[f], nw);
        }
    }
}

static void compute_reaches_join(dr *d)
{
    d->reaches_join = FL_NEW_ARRAY(d->A, bool, d->nf);
    for (uint32_t f = 0; f < d->nf; f++) {
        const cfg *g = d->cfgs[f];
        for (uint32_t bi = 0; g && bi < g->nblocks && !d->reaches_join[f]; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                ast_node *n = g->blocks[bi].elems[i].node;
                if (g->blocks[bi].elems[i].kind == CFG_EXPR && n->kind == AST_CALL && thr_classify(&d->ctx->fx->sums, n).kind == THR_JOIN) {
                    d->reaches_join[f] = true;
                    break;
                }
            }
    }
    for (bool changed = true; changed;) {
        changed = false;
        for (uint32_t f = 0; f < d->nf; f++)
            for (uint32_t i = 0; i < d->th->ncalls[f] && !d->reaches_join[f]; i++)
                if (d->reaches_join[d->th->calls[f][i]])
                    changed = d->reaches_join[f] = true;
    }
}

/* Which entry threads run twice at once, and which pairs run at once. */
static void thread_order(dr *d)
{
    uint32_t ne = d->ne;
    d->multiple = FL_NEW_ARRAY(d->A, bool, ne ? ne : 1);
    d->overlap = FL_NEW_ARRAY(d->A, bool, ne ? ne * ne : 1);
    for (uint32_t s = 0; s < d->th->nspawns; s++) {
        const acc_spawn *sp = &d->th->spawns[s];
        int32_t k2 = sp->entry >= 0 ? acc_entry_of(d->th, (uint32_t)sp->entry) : -1;
        if (k2 < 0 || !d->spawn_state[s])
            continue;
        const spawner *w = &d->spn[sp->func];
        for (uint32_t k1 = 0; k1 < ne; k1++) {
            bool runs = fl_bs_test(d->par[sp->func], k1) || fl_bs_test(d->th->threads[k1].reach, sp->func);
            for (uint32_t j = 0; j < w->n && !runs; j++)
                runs = fl_bs_test(d->spawn_state[s], 2 * j) &&
                       d->th->spawns[w->sp[j]].entry == (int32_t)d->th->threads[k1].func;
            if (!runs)
                continue;
            if (k1 == (uint32_t)k2)
                d->multiple[k1] = true;
            else
                d->overlap[k1 * ne + (uint32_t)k2] = d->overlap[(uint32_t)k2 * ne + k1] = true;
        }
    }
}

/* ---- pairs --------------------------------------------------------------------------------- */

static bool in_thread(const dr *d, const access *a, uint32_t k)
{
    if (a->spawn >= 0)
        return d->th->spawns[a->spawn].entry == (int32_t)d->th->threads[k].func;
    return fl_bs_test(d->th->threads[k].reach, a->func);
}

/* Does y run while thread k runs, seen from the code that spawns k? x is k's access. */
static bool runs_beside(const dr *d, uint32_t k, const access *x, const access *y)
{
    if (y->spawn >= 0)
        return false;
    const spawner *w = &d->spn[y->func];
    if (x->spawn >= 0 && d->si[x->spawn].obj[0] != 'g') {
        if (!y->run || d->th->spawns[x->spawn].func != y->func)
            return false;
        for (uint32_t j = 0; j < w->n; j++)
            if (w->sp[j] == (uint32_t)x->spawn)
                return fl_bs_test(y->run, 2 * j + 1);
        return false;
    }
    if (fl_bs_test(d->par[y->func], k))
        return true;
    if (!y->run)
        return false;
    for (uint32_t j = 0; j < w->n; j++)
        if (fl_bs_test(y->run, 2 * j) && d->th->spawns[w->sp[j]].entry == (int32_t)d->th->threads[k].func)
            return true;
    return false;
}

static bool self_race(const dr *d, uint32_t k, const access *x, const access *y)
{
    if (x->spawn < 0)
        return d->multiple[k];
    /* the argument's object: only when a spawn passes it while another instance that got the
       same object may run (different objects per thread do not race) */
    return y->spawn >= 0 && d->si[x->spawn].obj_shared && d->si[y->spawn].obj_shared;
}

/* Lock keys match: equal, or `a:<entry>rest` of a thread argument's object names the object
   some spawn of that entry passes. */
static bool key_rewrites_to(const dr *d, const char *a, const char *b)
{
    if (a[0] != 'a')
        return false;
    char *end;
    unsigned long e = strtoul(a + 2, &end, 10);
    for (uint32_t s = 0; s < d->th->nspawns; s++) {
        const char *o = d->si[s].obj;
        if (!o || d->th->spawns[s].entry != (int32_t)e)
            continue;
        size_t ol = strlen(o);
        if (strncmp(b, o, ol) == 0 && strcmp(b + ol, end) == 0)
            return true;
    }
    return false;
}

static bool keys_match(const dr *d, uint32_t a, uint32_t b)
{
    return a == b || key_rewrites_to(d, d->keys.items[a], d->keys.items[b]) ||
           key_rewrites_to(d, d->keys.items[b], d->keys.items[a]);
}

typedef enum verdict { V_RACE, V_PROTECTED, V_MAYBE } verdict;

static verdict lock_verdict(const dr *d, const lockset *x, bool xw, const lockset *y, bool yw)
{
    for (uint32_t i = 0; i < x->n; i++)
        for (uint32_t j = 0; j < y->n; j++)
            if (keys_match(d, x->l[i].key, y->l[j].key) && (!xw || x->l[i].excl) && (!yw || y->l[j].excl))
                return V_PROTECTED;
    if ((x->unknown && (y->n || y->unknown)) || (y->unknown && (x->n || x->unknown)))
        return V_MAYBE;
    return V_RACE;
}

static const char *locks_text(dr *d, const lockset *s)
{
    if (!s->n)
        return s->unknown ? "holds only locks fearless cannot name" : "holds no lock";
    const char *t = "holds";
    for (uint32_t i = 0; i < s->n; i++)
        t = fl_arena_sprintf(d->A, "%s%s `%s`%s", t, i ? "," : "", d->key_names.items[s->l[i].key],
                             s->l[i].excl ? "" : " (read side)");
    return t;
}

/* The thread that runs y beside entry k: a spawning-side root ("thread `main`", "the thread that
   calls `run`"), else another entry ("thread `reporter`"). */
static const char *side_name(const dr *d, uint32_t k, const access *y)
{
    for (uint32_t r = d->ne; r < d->th->nthreads; r++)
        if (fl_bs_test(d->th->threads[r].reach, y->func)) {
            const char *n = d->tu->funcs[d->th->threads[r].func]->name;
            return strcmp(n, "main") == 0 ? "thread `main`" : fl_arena_sprintf(d->A, "the thread that calls `%s`", n);
        }
    for (uint32_t r = 0; r < d->ne; r++)
        if (r != k && fl_bs_test(d->th->threads[r].reach, y->func))
            return fl_arena_sprintf(d->A, "thread `%s`", d->tu->funcs[d->th->threads[r].func]->name);
    return fl_arena_sprintf(d->A, "the thread that calls `%s`", d->tu->funcs[y->func]->name);
}

typedef enum pair_kind { P_SIDE, P_OTHER, P_SELF } pair_kind;

static void report(dr *d, const access *x, uint32_t k, const access *y, pair_kind pk, uint32_t k2,
                   const lockset *lx, const lockset *ly)
{
    const char *xt = fl_arena_sprintf(d->A, "thread `%s`", d->tu->funcs[d->th->threads[k].func]->name);
    const char *yt = pk == P_SELF  ? fl_arena_sprintf(d->A, "another thread running `%s`",
                                                      d->tu->funcs[d->th->threads[k].func]->name)
                     : pk == P_OTHER ? fl_arena_sprintf(d->A, "thread `%s`", d->tu->funcs[d->th->threads[k2].func]->name)
                                     : side_name(d, k, y);
    const char *name = x->spawn >= 0 && y->spawn < 0 ? y->name : x->name;
    /* the primary is the write; of two writes, the one holding fewer locks (the culprit) */
    bool x_primary = x->write && (!y->write || lx->n + lx->unknown <= ly->n + ly->unknown);
    if (!x->write && !y->write)
        x_primary = true;
    const access *p = x_primary ? x : y, *s = x_primary ? y : x;
    const lockset *lp = x_primary ? lx : ly;
    const char *pt = x_primary ? xt : yt, *st = x_primary ? yt : xt;
    if (pk == P_SELF) {
        /* two instances of one thread: which is "another" does not depend on the order */
        pt = fl_arena_sprintf(d->A, "a thread running `%s`", d->tu->funcs[d->th->threads[k].func]->name);
        st = yt;
    }
    diag *g = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "data race on `%s`", name);
    if (p->node == s->node)
        diag_primary(g, p->node->span, "`%s` is %s here by %s and by %s%s", p->name, p->write ? "written" : "read", pt,
                     st, lp->n || lp->unknown ? "" : ", without a lock");
    else {
        diag_primary(g, p->node->span, "`%s` is %s here by %s%s", p->name, p->write ? "written" : "read", pt,
                     lp->n || lp->unknown ? "" : " without a lock");
        diag_secondary(g, s->node->span, "conflicting %s in %s", s->write ? "write" : "read", st);
    }
    if (x->spawn >= 0) {
        const acc_spawn *sp = &d->th->spawns[x->spawn];
        if (sp->tc.arg)
            diag_secondary(g, sp->tc.arg->span, "the object passed as arg to `%s`",
                           d->tu->funcs[d->th->threads[k].func]->name);
    }
    if (pk == P_SELF && d->th->threads[k].spawn)
        diag_secondary(g, d->th->threads[k].spawn->kids[0]->span, "more than one thread running `%s` may be started here",
                       d->tu->funcs[d->th->threads[k].func]->name);
    if (x->spawn >= 0) {
        const char *rest = strrchr(x->loc, '.');
        const char *ent = d->tu->funcs[d->th->threads[k].func]->name;
        if (rest && !strchr(rest, '['))
            diag_note(g, "`%s` is field `%s` of the object passed as arg to `%s`", x->name, rest + 1, ent);
        else
            diag_note(g, "`%s` is the object passed as arg to `%s`", x->name, ent);
    }
    if (pk == P_SELF && x == y)
        diag_note(g, "each thread running `%s` %s there", d->tu->funcs[d->th->threads[k].func]->name,
                  locks_text(d, lx));
    else
        diag_note(g, "%s %s there; %s %s there", pt, locks_text(d, lp), st, locks_text(d, x_primary ? ly : lx));
    diag_help(g, "protect both accesses with the same mutex, or make `%s` _Atomic", name);
    diag_sink_add(d->ctx->sink, g);
}

static int cmp_access(const void *a, const void *b)
{
    const access *x = a, *y = b;
    int c = strcmp(x->loc, y->loc);
    if (c)
        return c;
    if (x->func != y->func)
        return x->func < y->func ? -1 : 1;
    if (x->node->span.begin != y->node->span.begin)
        return x->node->span.begin < y->node->span.begin ? -1 : 1;
    return (x->spawn > y->spawn) - (x->spawn < y->spawn);
}

/* Copies of the thread argument's accesses, one per spawn that passes an object we can name. */
static void derive_arg_accesses(dr *d)
{
    size_t n = d->acc.len;
    for (size_t i = 0; i < n; i++) {
        if (d->acc.items[i].arg_entry < 0)
            continue;
        char *end;
        strtoul(d->acc.items[i].loc + 2, &end, 10);
        for (uint32_t s = 0; s < d->th->nspawns; s++) {
            if (d->th->spawns[s].entry != d->acc.items[i].arg_entry || !d->si[s].obj)
                continue;
            access a = d->acc.items[i];
            a.loc = fl_arena_sprintf(d->A, "%s%s", d->si[s].obj, end);
            a.spawn = (int32_t)s;
            a.arg_entry = -1;
            fl_vec_push(&d->acc, a);
        }
    }
}

/* Do both sides of the pair run barrier or semaphore calls (which may order them)? */
static bool sync_both(const dr *d, uint32_t k, const access *y, pair_kind pk, uint32_t k2)
{
    if (!d->uses_sync[k])
        return false;
    if (pk == P_SELF)
        return true;
    if (pk == P_OTHER)
        return d->uses_sync[k2];
    for (uint32_t r = 0; r < d->th->nthreads; r++)
        if (r != k && d->uses_sync[r] && fl_bs_test(d->th->threads[r].reach, y->func))
            return true;
    return false;
}

static void find_races(dr *d)
{
    qsort(d->acc.items, d->acc.len, sizeof *d->acc.items, cmp_access);
    for (size_t i = 0; i < d->acc.len;) {
        size_t j = i;
        while (j < d->acc.len && strcmp(d->acc.items[j].loc, d->acc.items[i].loc) == 0)
            j++;
        bool done = false;
        const access *maybe = NULL;
        for (size_t a = i; a < j && !done; a++) {
            const access *x = &d->acc.items[a];
            if (x->arg_entry >= 0)
                continue;
            for (size_t b = i; b < j && !done; b++) {
                const access *y = &d->acc.items[b];
                if (y->arg_entry >= 0 || (!x->write && !y->write))
                    continue;
                for (uint32_t k = 0; k < d->ne && !done; k++) {
                    if (!in_thread(d, x, k))
                        continue;
                    pair_kind pk = P_SIDE;
                    uint32_t k2 = 0;
                    bool par = false;
                    if (in_thread(d, y, k) && self_race(d, k, x, y))
                        par = true, pk = P_SELF;
                    if (!par && runs_beside(d, k, x, y))
                        par = true, pk = P_SIDE;
                    for (uint32_t m = 0; m < d->ne && !par; m++)
                        if (m != k && in_thread(d, y, m) && d->overlap[k * d->ne + m] &&
                            (x->spawn < 0 || y->spawn < 0 || x->spawn != y->spawn))
                            par = true, pk = P_OTHER, k2 = m;
                    if (!par)
                        continue;
                    if (sync_both(d, k, y, pk, k2)) {
                        if (!maybe)
                            maybe = x->write ? x : y;
                        continue;
                    }
                    lockset lx = ls_union(d, &x->locks, &d->ent[x->func]);
                    lockset ly = ls_union(d, &y->locks, &d->ent[y->func]);
                    verdict v = lock_verdict(d, &lx, x->write, &ly, y->write);
                    if (v == V_RACE) {
                        report(d, x, k, y, pk, k2, &lx, &ly);
                        done = true;
                    } else if (v == V_MAYBE && !maybe)
                        maybe = x->write ? x : y;
                }
            }
        }
        if (!done && maybe && d->ctx->verbose) {
            diag *g = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                               "not reporting a possible data race on `%s`: the accesses hold locks fearless cannot "
                               "compare, or barriers or semaphores may order them",
                               maybe->name);
            diag_primary(g, maybe->node->span, NULL);
            diag_sink_add(d->ctx->sink, g);
        }
        i = j;
    }
}

void check_data_race(check_ctx *ctx)
{
    /* the lockset engine is shared with the lock checks: ask for it on every call */
    const lock_unit *lu = ctx->fx->locks;
    if (ctx->fn)
        return;
    dr d = {0};
    d.ctx = ctx;
    d.A = ctx->arena;
    d.tu = ctx->tu;
    d.cfgs = ctx->cfgs;
    d.th = ctx->fx->threads;
    if (!d.th || !d.th->nentries)
        return;
    d.lu = lu;
    d.nf = ctx->tu->nfuncs;
    d.ne = d.th->nentries;
    d.par = FL_NEW_ARRAY(d.A, fl_word *, d.nf);
    for (uint32_t f = 0; f < d.nf; f++)
        d.par[f] = FL_NEW_ARRAY(d.A, fl_word, fl_bs_words(d.ne));
    d.spawn_state = FL_NEW_ARRAY(d.A, fl_word *, d.th->nspawns);
    d.opaque_lock = FL_NEW_ARRAY(d.A, bool, d.nf);
    d.calls_sync = FL_NEW_ARRAY(d.A, bool, d.nf);
    compute_reaches_join(&d);
    setup_spawns(&d);

    fl_word *reached = FL_NEW_ARRAY(d.A, fl_word, fl_bs_words(d.nf));
    for (uint32_t k = 0; k < d.th->nthreads; k++)
        fl_bs_union(reached, d.th->threads[k].reach, fl_bs_words(d.nf));
    for (uint32_t f = 0; f < d.nf; f++)
        if (d.cfgs[f] && fl_bs_test(reached, f))
            collect_fn(&d, f);
    d.uses_sync = FL_NEW_ARRAY(d.A, bool, d.th->nthreads);
    for (uint32_t r = 0; r < d.th->nthreads; r++)
        for (uint32_t f = 0; f < d.nf && !d.uses_sync[r]; f++)
            d.uses_sync[r] = d.calls_sync[f] && fl_bs_test(d.th->threads[r].reach, f);
    for (size_t i = 0; i < d.acc.len; i++)
        if (d.opaque_lock[d.acc.items[i].func])
            d.acc.items[i].locks.unknown = true;
    entry_locks(&d);
    propagate_par(&d);
    thread_order(&d);
    derive_arg_accesses(&d);
    find_races(&d);
    fl_vec_free(&d.acc);
    fl_vec_free(&d.calls);
    fl_vec_free(&d.keys);
    fl_vec_free(&d.key_names);
}
