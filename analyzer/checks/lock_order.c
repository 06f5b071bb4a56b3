/* lock_order.c - lock-order (FL0104): two locks taken in opposite orders, `a` then `b` on one
 * path and `b` then `a` on another: two threads running them at once can each hold one and
 * wait for the other forever.
 *
 * Runs on the whole unit (check_ctx.fn == NULL), from the per-function locksets of
 * facts/locks.h: every blocking acquire of a lock `b` made while `a` is held on every path
 * (must-held) records the ordered pair (class of a, class of b) with both sites. Classes name
 * a lock across functions: a global or static by its object, a field by the record type that
 * holds it and the field ("struct account::lock"); locks whose class is unknown (a bare
 * `pthread_mutex_t *`, a lock on the stack) are skipped. A pair seen in both orders is
 * reported once, at the later order. Nesting two locks of the same class (`from->lock` then
 * `to->lock`) is the classic transfer deadlock but also how ordered locking (by address, by id)
 * is written: it is only mentioned under --verbose.
 *
 * Longer cycles (`a` then `b`, `b` then `c`, `c` then `a`: three threads can each hold one and
 * wait for the next) are found on the graph of the orders: its strongly connected components
 * (Tarjan's, with an explicit stack), then in each component one cycle through an order that is
 * not half of a reported pair (a breadth-first search back to it), reported once per component.
 * Linear in the number of distinct orders; pairs are interned by class. Two orders taken with a
 * third lock held around both at every occurrence (a gate lock) never run at once: silent; so are
 * two orders no two threads of the program run at once, when the unit can tell
 * (lock_order_threads.c: a program whose main joins one thread before it starts the other, or
 * starts none), and two orders that take both locks on the read side of rwlocks everywhere
 * (readers do not wait for readers).
 *
 * Shapes of their own: a join with a lock held that the thread takes (lock_order_join.c), a
 * condition waited on with a lock every signaller takes (lock_order_wait.c), the ring of the
 * dining philosophers and the transfer between two array elements (lock_order_ring.c).
 */
#include <stdlib.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../base/strmap.h"
#include "../base/vec.h"
#include "../base/xalloc.h"
#include "../diag/diag.h"
#include "../facts/locks.h"
#include "../facts/threads.h"
#include "../ir/cond.h"
#include "lock_order.h"
#include "registry.h"

#define CHECK_NAME "lock-order"
#define CHECK_CODE "FL0104"

typedef struct order_pair {
    const char *held_cls, *taken_cls;
    const char *held_name, *taken_name;
    const lock_site *held_site, *taken_site;
    const lock_fn *lf;      /* the analysis of the function it is in (NULL: a function without lock
                               operations of its own, ordering through its calls) */
    const ast_func *in_fn;  /* the function it is taken in */
    /* taken inside a call (taken_site is then the call): the acquire, and the function called */
    const lock_take *inner;
    const char *callee;
    /* both taken inside a call, by the callee's order pairs.items[via - 1] on its parameters'
       locks (`transfer(&A, &B)` with `from->mu` then `to->mu`): held_site and taken_site are
       then the call; 0 otherwise */
    size_t via;
    /* Gate locks: the classes of the other locks held at every occurrence of this order (a lock
       taken around both orders keeps their paths from running at once). */
    const char *gates[4], *gate_names[4];
    uint8_t ngates;
    /* Both locks taken on the read side of rwlocks at every occurrence: readers never wait for
       readers, so two such orders cannot deadlock each other. */
    bool readers;
    /* An order a spawn makes (held_site and taken_site are then the spawn): its thread's function
       takes the locks that two pointer fields of the object it is passed point to, at thread_take
       (`lock(a->first); lock(a->second);`), named there thread_held and thread_taken. */
    const ast_node *thread_take;
    const char *thread_held, *thread_taken;
} order_pair;

typedef FL_VEC(order_pair) pair_vec;

/* At most this many other functions making an order already seen are kept beside it. */
#define LO_MAX_ALTS 4

typedef struct lo {
    check_ctx *ctx;
    pair_vec pairs;
    fl_strmap seen;     /* "held\ttaken" -> pair index */
    /* The same order made in other functions (alts.items[i] repeats pairs.items[alt_of[i]]): when
       the two first occurrences of two inverse orders never run at once, another couple may. */
    pair_vec alts;
    fl_u32_vec alt_of;
} lo;

/* A slot for another occurrence of order idx, or NULL when it has enough. */
static order_pair *alt_slot(lo *o, uint32_t idx)
{
    uint32_t n = 0;
    for (size_t i = 0; i < o->alt_of.len; i++)
        n += o->alt_of.items[i] == idx;
    if (n >= LO_MAX_ALTS)
        return NULL;
    order_pair p = {0};
    fl_vec_push(&o->alts, p);
    fl_vec_push(&o->alt_of, idx);
    return &o->alts.items[o->alts.len - 1];
}

/* The order gets an occurrence with the gate set of state st (locks of lf other than a and b
   held on every path): the first sets it, later ones keep what they have in common. */
static void meet_gates(order_pair *p, bool first, const lock_fn *lf, const fl_word *st, uint32_t a, uint32_t b)
{
    const char *now[4], *names[4];
    uint8_t n = 0;
    for (uint32_t l = locks_next_h(lf, st, 0); l < lf->nlocks && n < 4; l = locks_next_h(lf, st, l + 1)) {
        const lock_info *g = &lf->locks[l];
        if (l != a && l != b && g->cls && !g->soft && !g->imprecise && locks_must_held(st, l) &&
            strcmp(g->cls, p->held_cls) != 0 && strcmp(g->cls, p->taken_cls) != 0) {
            names[n] = g->name;
            now[n++] = g->cls;
        }
    }
    uint8_t keep = 0;
    for (uint8_t i = 0; i < (first ? n : p->ngates); i++) {
        const char *c = first ? now[i] : p->gates[i], *name = first ? names[i] : p->gate_names[i];
        bool in = first;
        for (uint8_t j = 0; !in && j < n; j++)
            in = strcmp(now[j], c) == 0;
        if (in) {
            p->gate_names[keep] = name;
            p->gates[keep++] = c;
        }
    }
    p->ngates = keep;
}

/* A gate lock both orders hold (its name as p holds it), or NULL. */
static const char *common_gate(const order_pair *p, const order_pair *q)
{
    for (uint8_t i = 0; i < p->ngates; i++)
        for (uint8_t j = 0; j < q->ngates; j++)
            if (strcmp(p->gates[i], q->gates[j]) == 0)
                return p->gate_names[i];
    return NULL;
}

/* The class of lock li for the orders of lf: its own, or for a bare pointer parameter
   (`pthread_mutex_t *src`), one class per function for all of them, so that an order between two
   is kept for its calls to instantiate (instantiate_param_orders); NULL when neither. */
static const char *order_class(lo *o, const lock_fn *lf, const lock_info *li)
{
    if (li->cls)
        return li->cls;
    const ast_var *r = li->where.root;
    if (!r || r->storage != STORAGE_PARAM || strcmp(li->where.path, "*") != 0)
        return NULL;
    return fl_arena_sprintf(o->ctx->arena, "(*%s)@%s", r->type_name ? r->type_name : "?", lf->fn->name);
}

static void visit(void *ctx, const lock_fn *lf, const lock_event *ev, const fl_word *st)
{
    lo *o = ctx;
    if (ev->kind != LEV_OP)
        return;
    const lock_site *s = &lf->sites[ev->arg];
    if (!lock_site_blocks(s))
        return;
    const lock_info *b = &lf->locks[s->lock];
    const char *bcls = order_class(o, lf, b);
    if (!bcls || b->soft)
        return;
    /* Taking a lock this thread already holds orders nothing: it is a double lock (that
       check's business) or a wait for another thread to hand the lock over. */
    if (locks_must_held(st, s->lock))
        return;
    for (uint32_t l = locks_next_h(lf, st, 0); l < lf->nlocks; l = locks_next_h(lf, st, l + 1)) {
        const lock_info *a = &lf->locks[l];
        const char *acls = order_class(o, lf, a);
        if (l == s->lock || !acls || a->soft || !locks_must_held(st, l) || (!a->cls) != (!b->cls))
            continue;
        uint32_t last[2];
        uint32_t nl = locks_last_sites(lf, st, l, last, 2);
        if (!nl)
            continue; /* held on entry: no site to show */
        bool readers = lock_op_shared(s->op);
        for (uint32_t i = 0; i < nl && i < 2; i++)
            readers &= lock_op_shared(lf->sites[last[i]].op);
        const char *key = fl_arena_sprintf(o->ctx->arena, "%s\t%s", acls, bcls);
        uint32_t idx;
        if (fl_strmap_get(&o->seen, key, &idx)) {
            meet_gates(&o->pairs.items[idx], false, lf, st, l, s->lock);
            o->pairs.items[idx].readers &= readers;
            order_pair *alt = o->pairs.items[idx].in_fn != lf->fn ? alt_slot(o, idx) : NULL;
            if (alt)
                *alt = (order_pair){acls, bcls, a->name, b->name, &lf->sites[last[0]], s, lf, lf->fn, NULL, NULL, 0,
                                    {NULL}, {NULL}, 0, readers, NULL, NULL, NULL};
            continue;
        }
        fl_strmap_put(&o->seen, key, (uint32_t)o->pairs.len);
        order_pair p = {acls, bcls, a->name, b->name, &lf->sites[last[0]], s, lf, lf->fn, NULL, NULL, 0,
                        {NULL}, {NULL}, 0, readers, NULL, NULL, NULL};
        meet_gates(&p, true, lf, st, l, s->lock);
        fl_vec_push(&o->pairs, p);
    }
}

/* Register the order (held, taken) unless one of those classes was seen already: the new pair,
   to fill, or NULL. */
static order_pair *new_pair(lo *o, const char *held_cls, const char *taken_cls)
{
    const char *key = fl_arena_sprintf(o->ctx->arena, "%s\t%s", held_cls, taken_cls);
    uint32_t idx;
    if (fl_strmap_get(&o->seen, key, &idx)) {
        o->pairs.items[idx].ngates = 0; /* an occurrence whose gates are not followed */
        return alt_slot(o, idx);
    }
    fl_strmap_put(&o->seen, key, (uint32_t)o->pairs.len);
    order_pair p = {0};
    fl_vec_push(&o->pairs, p);
    return &o->pairs.items[o->pairs.len - 1];
}

/* A call as the site of an order it makes. */
static const lock_site *call_site_of(lo *o, const ast_node *call)
{
    lock_site *s = FL_NEW(o->ctx->arena, lock_site);
    s->call = (ast_node *)call;
    return s;
}

typedef struct lo_calls {
    lo *o;
    const lock_unit *u;
    const lock_fn *lf;
} lo_calls;

/* Orders through calls: a lock held at a call of a function of the unit that takes another. */
static void visit_call(void *ctx, const ast_node *n, const lock_take *t, uint32_t nt, const locks_cursor *c)
{
    lo_calls *lc = ctx;
    lo *o = lc->o;
    const lock_fn *lf = lc->lf;
    const char *callee = locks_call_target(lc->u, n)->name;
    for (uint32_t l = locks_next_h(lf, c->st, 0); l < lf->nlocks; l = locks_next_h(lf, c->st, l + 1)) {
        const lock_info *a = &lf->locks[l];
        if (!a->cls || a->soft || !locks_must_held(c->st, l))
            continue;
        uint32_t last[2];
        if (!locks_cursor_last_sites(c, l, last, 2))
            continue;
        for (uint32_t k = 0; k < nt; k++) {
            if (!t[k].cls || strcmp(t[k].cls, a->cls) == 0 || t[k].after_release)
                continue; /* the same lock again is double-lock's; unknown classes order nothing; a
                             callee that gave up a lock of its caller's first may have dropped `a` */
            order_pair *p = new_pair(o, a->cls, t[k].cls);
            if (!p)
                continue;
            *p = (order_pair){a->cls, t[k].cls, a->name, t[k].where.root ? place_str(o->ctx->arena, t[k].where) : t[k].name,
                              &lf->sites[last[0]], call_site_of(o, n), lf, lf->fn,
                              fl_arena_memdup(o->ctx->arena, &t[k], sizeof t[k]), callee, 0, {NULL}, {NULL}, 0, false,
                              NULL, NULL, NULL};
        }
    }
}

/* A lock rooted at a parameter of the function analysed by lf. */
static bool param_lock(const lock_fn *lf, const lock_site *s)
{
    const ast_var *r = lf->locks[s->lock].where.root;
    /* (a parameter written before, `a = b` of a swap by id: not what the caller passed) */
    return r && r->storage == STORAGE_PARAM && !lf->locks[s->lock].renamed;
}

/* lf takes lock `first` while `second` may be held somewhere (both directions exist: ordered
   locking by address or id, `if (a < b) { lock a; lock b; } else { lock b; lock a; }`). */
typedef struct rev {
    uint32_t first, second;
    bool found;
} rev;

static void reverse_visit(void *ctx, const lock_fn *lf, const lock_event *ev, const fl_word *st)
{
    rev *r = ctx;
    if (ev->kind == LEV_OP && lf->sites[ev->arg].lock == r->first && lock_site_blocks(&lf->sites[ev->arg]) &&
        fl_bs_test(st, locks_bit_h(r->second)))
        r->found = true;
}

static bool takes_both_ways(const order_pair *q)
{
    rev r = {q->held_site->lock, q->taken_site->lock, false};
    locks_replay_all(q->lf, reverse_visit, &r);
    return r.found;
}

static bool arg_pointer_field(fl_arena *A, const char *path, const char **field, const char **rest);
static place field_target(fl_arena *A, const cfg *g, const ast_var *v, const char *field, const ast_func *in);
static const char *object_class(fl_arena *A, place p);

/* The order a call of a helper makes on two global locks pa then pb (from the helper's order k):
   registered unless the classes are one or the order is known; shown at `at` (the call, or the
   spawn whose object gave the locks). */
static void param_order_at(lo *o, place pa, place pb, const ast_node *at, const ast_func *fn,
                           const ast_func *target, size_t k)
{
    if (place_equal(pa, pb))
        return;
    const char *ca = object_class(o->ctx->arena, pa), *cb = object_class(o->ctx->arena, pb);
    if (!ca || !cb || strcmp(ca, cb) == 0)
        return;
    order_pair *p = new_pair(o, ca, cb); /* pairs may move with the vector */
    if (!p)
        return;
    const lock_site *cs = call_site_of(o, at);
    *p = (order_pair){ca, cb, place_str(o->ctx->arena, pa), place_str(o->ctx->arena, pb), cs, cs, NULL,
                      fn, NULL, target->name, k + 1, {NULL}, {NULL}, 0, false, NULL, NULL, NULL};
}

/* The unit's spawns that pass `&v` to a thread function it defines (lo_spawn_of), found at the
   first need. */
typedef struct spawn_ref {
    const ast_func *t;
    const ast_var *v;  /* `&v`, or `&v[i]` (each) */
    bool each;
    const cfg *g;      /* the spawning function's */
    const ast_func *in;/* ... and the function */
    const ast_node *call;
} spawn_ref;
typedef struct spawn_list {
    FL_VEC(spawn_ref) s;
    bool done;
} spawn_list;

static void find_spawns(lo *o, const lock_unit *u, spawn_list *sl)
{
    const ast_tu *tu = locks_unit_tu(u);
    sl->done = true;
    for (uint32_t f = 0; f < tu->nfuncs; f++) {
        const ast_func *fn = tu->funcs[f];
        const cfg *g = fn->in_main_file && fn->body && o->ctx->cfgs ? o->ctx->cfgs[f] : NULL;
        for (uint32_t bi = 0; g && bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                const ast_node *n = g->blocks[bi].elems[i].node, *v = NULL;
                const ast_func *t = g->blocks[bi].elems[i].kind == CFG_EXPR ? lo_spawn_of(o->ctx, n, &v) : NULL;
                const ast_node *arr = v && v->kind == AST_INDEX && v->nkids == 2 ? ast_strip_parens(v->kids[0]) : NULL;
                if (t && v && v->kind == AST_REF && v->var) {
                    spawn_ref r = {t, v->var, false, g, fn, n};
                    fl_vec_push(&sl->s, r);
                } else if (t && arr && arr->kind == AST_REF && arr->var && (arr->var->ty & TY_ARRAY)) {
                    spawn_ref r = {t, arr->var, true, g, fn, n};
                    fl_vec_push(&sl->s, r);
                }
            }
    }
}

/* p rooted at thread function fn's argument, or at a local copy of it (`struct job *job = arg;`),
   through one of its pointer fields: that field and the path after it (arg_pointer_field). */
static bool thread_arg_field(lo *o, const ast_func *fn, const cfg *g, place p, const char **field, const char **rest)
{
    const ast_var *r = p.root;
    if (!fn->nparams || !r)
        return false;
    if (r != fn->params[0]) {
        ast_node **defs = cond_single_defs(o->ctx->arena, fn, g);
        const ast_node *d = r->storage == STORAGE_LOCAL && r->index < fn->nvars && fn->vars[r->index] == r
                                ? ast_strip_casts(defs[r->index])
                                : NULL;
        if (!d || d->kind != AST_REF || d->var != fn->params[0])
            return false;
    }
    return arg_pointer_field(o->ctx->arena, p.path, field, rest);
}

/* The index of field `field` in record type t, or t->nfields. */
static uint32_t record_field(const ast_type *t, const char *field)
{
    for (uint32_t f = 0; f < t->nfields; f++)
        if (t->fields[f].name && strcmp(t->fields[f].name, field) == 0)
            return f;
    return t->nfields;
}

/* An initializer list with a designated element the tree could not put in field order (a
   field named twice, `.in.a = ...`, `[1] = ...`): whose field it is the tree does not say. */
static bool designated(const ast_node *list)
{
    for (uint16_t k = 0; k < list->nkids; k++)
        if (list->kids[k] && (list->kids[k]->flags & AST_F_DESIGNATED))
            return true;
    return false;
}

/* A local of `main` declared outside any loop: one object for the whole program (the accounts
   `main` passes to its threads). */
static bool main_object(const ast_func *in, const cfg *g, const ast_var *v)
{
    if (!in || !g || !ast_func_is_main(in) || !ast_var_is_auto(v) || v->index >= in->nvars || in->vars[v->index] != v)
        return false;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++)
            if (g->blocks[bi].elems[i].kind == CFG_DECL && g->blocks[bi].elems[i].var == v)
                return !g->blocks[bi].loop;
    return false;
}

/* The CFG holding v's declaration and initializer: g, the spawning function's, for a local or a
   static local of it (its initializer is its declaration there too); else NULL. */
static const cfg *decl_cfg(const ast_var *v, const cfg *g)
{
    return v->storage == STORAGE_LOCAL || v->storage == STORAGE_STATIC_LOCAL ? g : NULL;
}

/* The global (or static) lock object `&X` names, or one of main's (main_object: `in` is the
   function the address is taken in, g its CFG); else {NULL, NULL}. */
static place global_address(fl_arena *A, const ast_node *val, const ast_func *in, const cfg *g)
{
    place none = {NULL, NULL};
    val = val ? ast_strip_casts((ast_node *)val) : NULL;
    if (!val || val->kind != AST_UNARY || val->op != UN_ADDR_OF)
        return none;
    place p = place_of_pointee(A, (ast_node *)val);
    if (!p.root || strstr(p.path, "[*]") ||
        (p.root->storage != STORAGE_GLOBAL && p.root->storage != STORAGE_STATIC_LOCAL && !main_object(in, g, p.root)))
        return none;
    return p;
}

/* The class of a lock object global_address gave: a global's, or for one of main's objects its
   name and declaration, as a global's is. */
static const char *object_class(fl_arena *A, place p)
{
    const char *c = locks_lock_class(A, p);
    if (!c && p.root && ast_var_is_auto(p.root) && !place_path_derefs(p.path))
        c = fl_arena_sprintf(A, "@%s%s#%u", p.root->name ? p.root->name : "?", p.path, p.root->span.begin);
    return c;
}

/* The initializer list of local array v's one declaration in g, or NULL. */
static const ast_node *init_list_of(const cfg *g, const ast_var *v)
{
    for (uint32_t bi = 0; g && bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            if (el->kind == CFG_DECL && el->var == v && el->node && el->node->nkids == 1 && el->node->kids[0])
                return el->node->kids[0]->kind == AST_INIT_LIST ? el->node->kids[0] : NULL;
        }
    return NULL;
}

/* The global an element's initializer list (`{ &checking, &savings, 7 }`, positional) gives
   field `field` of array v's element type the address of; {NULL, NULL} otherwise. */
static place init_field_target(fl_arena *A, const ast_node *elem, const ast_var *v, const char *field,
                               const ast_func *in, const cfg *g)
{
    place none = {NULL, NULL};
    const ast_type *t = ast_type_strip(v->type);
    t = t && t->kind == TYPE_ARRAY ? ast_type_strip(t->inner) : NULL;
    if (!t || t->kind != TYPE_RECORD || !elem || elem->kind != AST_INIT_LIST || designated(elem))
        return none;
    uint32_t fi = record_field(t, field);
    return fi < elem->nkids ? global_address(A, elem->kids[fi], in, g) : none;
}

/* A helper's order on its parameters' locks at a call in thread function fn that passes two
   pointer fields of the thread's argument (`transfer(job->src, job->dst)`): at each spawn of fn
   in the unit, with the globals the object it passes points to there (`{&checking, &savings}`
   for one thread and `{&savings, &checking}` for another; each element's, for `&jobs[i]` in a
   loop over an array with an initializer). */
static void param_order_by_spawns(lo *o, const lock_unit *u, spawn_list *sl, const ast_func *fn, const cfg *g,
                                  const place pp[2], const cfg_elem *el, const ast_func *target, size_t k)
{
    const char *f[2], *rest[2];
    if (!thread_arg_field(o, fn, g, pp[0], &f[0], &rest[0]) || !thread_arg_field(o, fn, g, pp[1], &f[1], &rest[1]) ||
        strcmp(f[0], f[1]) == 0)
        return;
    if (!sl->done)
        find_spawns(o, u, sl);
    fl_arena *A = o->ctx->arena;
    for (size_t j = 0; j < sl->s.len; j++) {
        const spawn_ref *r = &sl->s.items[j];
        if (r->t != fn)
            continue;
        const cfg *vg = decl_cfg(r->v, r->g);
        /* `&v`: its fields; `&v[i]`: each element's, by the array's initializer */
        const ast_node *list = r->each ? init_list_of(vg, r->v) : NULL;
        for (uint32_t e = 0; e < (r->each ? (list ? list->nkids : 0) : 1); e++) {
            place pa, pb;
            if (r->each) {
                pa = init_field_target(A, list->kids[e], r->v, f[0], r->in, r->g);
                pb = init_field_target(A, list->kids[e], r->v, f[1], r->in, r->g);
            } else {
                pa = field_target(A, vg, r->v, f[0], r->in);
                pb = field_target(A, vg, r->v, f[1], r->in);
            }
            if (!pa.root || !pb.root)
                continue;
            pa = place_append(A, pa, rest[0]);
            pb = place_append(A, pb, rest[1]);
            param_order_at(o, pa, pb, r->each ? list->kids[e] : r->call, fn, target, k);
        }
    }
}

/* The unit's calls of each of its functions, found at the first need. */
typedef struct call_ref {
    const ast_func *in;
    const cfg *g;
    const cfg_elem *el;
} call_ref;
typedef struct call_list {
    FL_VEC(call_ref) *of; /* per function index */
} call_list;

static void find_calls(lo *o, const lock_unit *u, call_list *cl)
{
    const ast_tu *tu = locks_unit_tu(u);
    cl->of = fl_xcalloc(tu->nfuncs + 1, sizeof *cl->of);
    for (uint32_t f = 0; f < tu->nfuncs; f++) {
        const ast_func *fn = tu->funcs[f];
        const cfg *g = fn->in_main_file && fn->body && o->ctx->cfgs ? o->ctx->cfgs[f] : NULL;
        for (uint32_t bi = 0; g && bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                const ast_node *n = g->blocks[bi].elems[i].node;
                const ast_func *t = n && n->kind == AST_CALL ? locks_call_target(u, n) : NULL;
                if (t) {
                    call_ref r = {fn, g, &g->blocks[bi].elems[i]};
                    fl_vec_push(&cl->of[t->index], r);
                }
            }
    }
}

/* Order k of `target` on the locks its parameters reach (pp, in its terms), at the call el of
   function fn: `transfer(&A, &B)` orders A.mu before B.mu; `transfer(job->src, job->dst)` in a
   thread given `&job`, what each spawn's object points to; and a call that passes two of fn's
   own parameters (`lock_pair(from, to)` in `transfer`) orders what fn's callers pass, up to
   three calls up. */
static void order_at_call(lo *o, const lock_unit *u, spawn_list *spawns, call_list *calls, const ast_func *fn,
                          const cfg *g, const cfg_elem *el, const ast_func *target, size_t k, const place in[2],
                          int depth)
{
    const ast_node *n = el->node;
    place pp[2] = {{NULL, NULL}, {NULL, NULL}};
    for (int side = 0; side < 2; side++)
        for (uint32_t a = 0; a < target->nparams; a++)
            if (target->params[a] == in[side].root && a + 1 < n->nkids)
                pp[side] = thr_compose_path(o->ctx->arena, n->kids[1 + a], in[side].path);
    if (!pp[0].root || !pp[1].root)
        return;
    if (pp[0].root->storage == STORAGE_GLOBAL && pp[1].root->storage == STORAGE_GLOBAL) {
        param_order_at(o, pp[0], pp[1], n, fn, target, k);
        return;
    }
    /* `transfer(job->src, job->dst)` in a thread given `&job` */
    param_order_by_spawns(o, u, spawns, fn, g, pp, el, target, k);
    if (depth >= 2 || pp[0].root->storage != STORAGE_PARAM || pp[1].root->storage != STORAGE_PARAM ||
        pp[0].root == pp[1].root || ast_func_param_index(fn, pp[0].root) < 0 || ast_func_param_index(fn, pp[1].root) < 0)
        return;
    if (!calls->of)
        find_calls(o, u, calls);
    for (size_t c = 0; c < calls->of[fn->index].len; c++) {
        call_ref r = calls->of[fn->index].items[c];
        order_at_call(o, u, spawns, calls, r.in, r.g, r.el, fn, k, pp, depth + 1);
    }
}

/* Orders a function takes on its parameters' locks of one class (`from->mu` then `to->mu`),
   instantiated at each call of it in the unit with the objects the call passes: `transfer(&A,
   &B)` orders A.mu before B.mu, and `transfer(&B, &A)` B.mu before A.mu. Only calls whose
   arguments name two different global objects: locals and pointers name nothing certain. */
static void instantiate_param_orders(lo *o, const lock_unit *u)
{
    const ast_tu *tu = locks_unit_tu(u);
    size_t npairs = o->pairs.len;
    /* per function of the unit, its orders on its parameters' locks of one kind, each checked
       once for the other order (calls then find theirs without a scan) */
    FL_VEC(uint32_t) *of_fn = NULL;
    for (size_t k = 0; k < npairs; k++) {
        const order_pair *q = &o->pairs.items[k];
        if (q->inner || q->via || !q->lf || strcmp(q->held_cls, q->taken_cls) != 0 || !param_lock(q->lf, q->held_site) ||
            !param_lock(q->lf, q->taken_site) || takes_both_ways(q))
            continue;
        if (!of_fn)
            of_fn = fl_xcalloc(tu->nfuncs + 1, sizeof *of_fn);
        fl_vec_push(&of_fn[q->lf->fn->index], (uint32_t)k);
    }
    if (!of_fn)
        return;
    spawn_list spawns = {0};
    call_list calls = {0};
    find_calls(o, u, &calls);
    for (uint32_t t = 0; t < tu->nfuncs; t++)
        for (size_t c = 0; c < calls.of[t].len && of_fn[t].len; c++) {
            call_ref r = calls.of[t].items[c];
            for (size_t j = 0; j < of_fn[t].len; j++) {
                uint32_t k = of_fn[t].items[j];
                const order_pair *q = &o->pairs.items[k];
                place pp[2] = {q->lf->locks[q->held_site->lock].where, q->lf->locks[q->taken_site->lock].where};
                order_at_call(o, u, &spawns, &calls, r.in, r.g, r.el, tu->funcs[t], k, pp, 0);
            }
        }
    for (uint32_t f = 0; calls.of && f < tu->nfuncs; f++)
        fl_vec_free(&calls.of[f]);
    free(calls.of);
    for (uint32_t f = 0; f < tu->nfuncs; f++)
        fl_vec_free(&of_fn[f]);
    free(of_fn);
    fl_vec_free(&spawns.s);
}

/* The one pointer field of a thread's argument a lock is reached through: path "*.f*" (the lock
   `*a->f`) or "*.f*.g" (`a->f->g`, a lock in the object f points to), f into *field and the path
   after the pointer (".g", or "") into *rest. */
static bool arg_pointer_field(fl_arena *A, const char *path, const char **field, const char **rest)
{
    if (path[0] != '*' || path[1] != '.')
        return false;
    size_t n = strcspn(path + 2, ".*[");
    const char *after = path + 2 + n;
    if (!n || after[0] != '*' || strpbrk(after + 1, "*[") || (after[1] && after[1] != '.'))
        return false;
    *field = fl_arena_strndup(A, path + 2, n);
    *rest = after + 1;
    return true;
}

const ast_node *lo_field_store(const cfg *g, const ast_var *v, const ast_var *ix, const char *field, uint32_t *count)
{
    const ast_node *val = NULL;
    *count = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            const ast_node *n = el->node;
            if (el->kind != CFG_EXPR || !n || n->kind != AST_BINARY || n->op != BIN_ASSIGN || n->nkids != 2)
                continue;
            const ast_node *lhs = ast_strip_parens(n->kids[0]);
            if (!lhs || lhs->kind != AST_MEMBER || (lhs->flags & AST_F_ARROW) || !lhs->name || lhs->nkids != 1 ||
                strcmp(lhs->name, field) != 0)
                continue;
            const ast_node *base = ast_strip_parens(lhs->kids[0]);
            if (ix) { /* `v[ix].field` */
                const ast_node *at = base && base->kind == AST_INDEX && base->nkids == 2
                                         ? ast_strip_casts(base->kids[1])
                                         : NULL;
                if (!at || at->kind != AST_REF || at->var != ix)
                    continue;
                base = ast_strip_parens(base->kids[0]);
            }
            if (base && base->kind == AST_REF && base->var == v) {
                ++*count;
                val = n->kids[1];
            }
        }
    return *count == 1 ? val : NULL;
}

/* The object field `field` of struct variable v points to, all through function fn: its
   declaration's initializer list (designated elements in field order, as the tree keeps them),
   or the one assignment `v.field = &X;` of fn when v has no initializer. A global or static
   object, or one of main's (global_address). */
static place field_target(fl_arena *A, const cfg *g, const ast_var *v, const char *field, const ast_func *in)
{
    place none = {NULL, NULL};
    const ast_type *t = ast_type_strip(v->type);
    if (!g || !t || t->kind != TYPE_RECORD)
        return none;
    uint32_t fi = record_field(t, field);
    if (fi == t->nfields)
        return none;
    uint32_t defs = 0;
    const ast_node *val = NULL;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            const ast_node *n = el->node;
            if (el->kind != CFG_DECL || el->var != v || !n || n->nkids != 1 || !n->kids[0])
                continue;
            const ast_node *l = n->kids[0];
            if (l->kind != AST_INIT_LIST || designated(l))
                return none;
            defs++;
            val = fi < l->nkids ? l->kids[fi] : NULL;
        }
    uint32_t stores;
    const ast_node *stored = lo_field_store(g, v, NULL, field, &stores);
    defs += stores;
    if (stores)
        val = stored;
    return defs == 1 ? global_address(A, val, in, g) : none;
}

typedef struct arg_scan {
    fl_arena *A;
    const ast_var *param;
    lo_arg_order *items;
    uint32_t n, max;
} arg_scan;

static void arg_visit(void *ctx, const lock_fn *lf, const lock_event *ev, const fl_word *st)
{
    arg_scan *a = ctx;
    if (ev->kind != LEV_OP || a->n == a->max)
        return;
    const lock_site *s = &lf->sites[ev->arg];
    const lock_info *b = &lf->locks[s->lock];
    const char *f2, *r2;
    if (!lock_site_blocks(s) || b->soft || b->where.root != a->param || locks_must_held(st, s->lock) ||
        !arg_pointer_field(a->A, b->where.path, &f2, &r2))
        return;
    uint32_t held = 0, first = lf->nlocks;
    const char *f1 = NULL, *r1 = NULL;
    for (uint32_t l = locks_next_h(lf, st, 0); l < lf->nlocks; l = locks_next_h(lf, st, l + 1)) {
        const lock_info *h = &lf->locks[l];
        const char *f, *r;
        if (l == s->lock || !locks_must_held(st, l))
            continue;
        held++;
        if (first == lf->nlocks && !h->soft && h->where.root == a->param &&
            arg_pointer_field(a->A, h->where.path, &f, &r) && strcmp(f, f2) != 0 && strcmp(r, r2) == 0)
            first = l, f1 = f, r1 = r;
    }
    uint32_t last[1];
    if (first == lf->nlocks || !locks_last_sites(lf, st, first, last, 1))
        return;
    a->items[a->n++] = (lo_arg_order){f1, f2, r1, &lf->sites[last[0]], s, lf->locks[first].name, b->name, held > 1};
}

uint32_t lo_arg_orders(fl_arena *A, const lock_fn *lf, const ast_var *param, lo_arg_order *out, uint32_t max)
{
    arg_scan as = {A, param, out, 0, max};
    locks_replay_all(lf, arg_visit, &as);
    return as.n;
}

const ast_func *lo_spawn_of(check_ctx *ctx, const ast_node *n, const ast_node **obj)
{
    if (!n || n->kind != AST_CALL)
        return NULL;
    thr_call tc = thr_classify(&ctx->fx->sums, n);
    const ast_node *fr = tc.kind == THR_SPAWN ? ast_strip_casts(tc.func) : NULL;
    const ast_func *t = fr && fr->kind == AST_REF && fr->callee ? fr->callee->def : NULL;
    const ast_node *arg = tc.arg ? ast_strip_casts(tc.arg) : NULL;
    if (!t || !t->nparams || !arg || arg->kind != AST_UNARY || arg->op != UN_ADDR_OF || arg->nkids != 1)
        return NULL;
    *obj = ast_strip_parens(arg->kids[0]);
    return *obj ? t : NULL;
}

/* Orders a thread function takes on locks its argument's pointer fields point to (`struct pair {
   pthread_mutex_t *first, *second; }`, `lock(a->first); lock(a->second);`), or that are fields
   of the objects they point to (`lock(&job->src->lock)`, directly or in a helper given
   `job->src`), instantiated at each
   spawn of it in the unit that passes `&v`, a struct whose fields point to global locks (by its
   initializer list or one assignment each): `{&m1, &m2}` for one thread and `{&m2, &m1}` for
   another take m1 and m2 in opposite orders. */
static void instantiate_arg_orders(lo *o, const lock_unit *u)
{
    check_ctx *ctx = o->ctx;
    const ast_tu *tu = locks_unit_tu(u);
    fl_arena *A = ctx->arena;
    for (uint32_t f = 0; f < tu->nfuncs; f++) {
        const ast_func *fn = tu->funcs[f];
        const cfg *g = fn->in_main_file && fn->body && ctx->cfgs ? ctx->cfgs[f] : NULL;
        for (uint32_t bi = 0; g && bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                const ast_node *n = g->blocks[bi].elems[i].node, *v;
                const ast_func *t = g->blocks[bi].elems[i].kind == CFG_EXPR ? lo_spawn_of(ctx, n, &v) : NULL;
                if (!t)
                    continue;
                const lock_fn *tlf = locks_unit_fn(u, t->index);
                if (!v || v->kind != AST_REF || !v->var || !tlf || tlf->nlocks < 2)
                    continue;
                lo_arg_order items[4];
                uint32_t nitems = lo_arg_orders(A, tlf, t->params[0], items, 4);
                for (uint32_t k = 0; k < nitems; k++) {
                    if (items[k].gated)
                        continue; /* a lock around both: the orders never run at once */
                    const cfg *vg = decl_cfg(v->var, g);
                    place pa = field_target(A, vg, v->var, items[k].f1, fn);
                    place pb = field_target(A, vg, v->var, items[k].f2, fn);
                    if (pa.root && pb.root && *items[k].rest) /* `job->src->lock`: the lock in that object */
                        pa = place_append(A, pa, items[k].rest), pb = place_append(A, pb, items[k].rest);
                    const char *ca = pa.root ? object_class(A, pa) : NULL;
                    const char *cb = pb.root ? object_class(A, pb) : NULL;
                    if (!ca || !cb || strcmp(ca, cb) == 0)
                        continue;
                    order_pair *p = new_pair(o, ca, cb);
                    if (!p)
                        continue;
                    const lock_site *cs = call_site_of(o, n);
                    *p = (order_pair){ca, cb, place_str(A, pa), place_str(A, pb), cs, cs, NULL, t, NULL, NULL, 0,
                                      {NULL}, {NULL}, 0, false, items[k].taken->call, items[k].held_name,
                                      items[k].taken_name};
                }
            }
    }
}

/* For an order a spawn makes: where its thread takes the locks its argument points to (once when
   both orders are made so, by one function). */
static void thread_note(diag *d, const order_pair *p, const order_pair *other, bool second)
{
    if (!p->thread_take || (second && other->thread_take == p->thread_take))
        return;
    if (other->thread_take == p->thread_take)
        diag_note_at(d, p->thread_take->span, "`%s` locks `%s` then `%s`: what the objects the two spawns pass "
                     "point to, in opposite orders", p->in_fn->name, p->thread_held, p->thread_taken);
    else
        diag_note_at(d, p->thread_take->span, "`%s` locks `%s` then `%s`: for the thread started there, `%s` then "
                     "`%s`", p->in_fn->name, p->thread_held, p->thread_taken, p->held_name, p->taken_name);
}

/* Where an order taken inside a call takes its lock. */
static void inner_note(diag *d, const order_pair *p)
{
    if (!p->inner)
        return;
    if (strcmp(p->inner->lf->fn->name, p->callee) == 0)
        diag_note_at(d, p->inner->site->call->span, "`%s` locks `%s` here", p->callee, p->taken_name);
    else
        diag_note_at(d, p->inner->site->call->span, "`%s` locks `%s` here, called from `%s`", p->inner->lf->fn->name,
                     p->taken_name, p->callee);
}

/* For an order a call makes through the callee's own order on its parameters' locks. */
static void via_note(lo *o, diag *d, const order_pair *p, const order_pair *other)
{
    if (!p->via || (other && other->via == p->via))
        return; /* the other call's note is this one */
    const order_pair *q = &o->pairs.items[p->via - 1];
    if (q->lf && strcmp(q->lf->fn->name, p->callee) != 0) /* through callers that pass their parameters on */
        diag_note_at(d, q->taken_site->call->span, "`%s` locks `%s` then `%s`, and `%s` passes it its arguments: "
                     "each call of `%s` locks its arguments' locks in the order it passes them",
                     q->lf->fn->name, q->held_name, q->taken_name, p->callee, p->callee);
    else
        diag_note_at(d, q->taken_site->call->span, "`%s` locks `%s` then `%s`: each call locks its arguments' locks in "
                     "the order it passes them",
                     p->callee, q->held_name, q->taken_name);
}

/* Under --verbose: the pair named by p, in orders `shown` and `other`, is not reported, and why. */
static void not_reporting(check_ctx *ctx, const order_pair *p, const order_pair *shown, const order_pair *other,
                          const char *why)
{
    if (!ctx->verbose)
        return;
    diag *d = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME, "not reporting `%s` and `%s` locked in opposite orders: %s",
                       p->held_name, p->taken_name, why);
    diag_primary(d, shown->taken_site->call->span, NULL);
    diag_secondary(d, other->taken_site->call->span, "the other order");
    diag_sink_add(ctx->sink, d);
}

/* The order is main's own, taken while no thread main started may run. */
static bool main_alone(check_ctx *ctx, const lo_threads *t, const order_pair *p)
{
    return p->taken_site && lo_threads_main_alone_at(ctx, t, p->in_fn, p->taken_site->block, p->taken_site->elem);
}

static void report(lo *o, const order_pair *first, const order_pair *inv)
{
    /* inv takes `x` then `y`; first took `y` then `x` */
    const char *x = inv->held_name, *y = inv->taken_name;
    diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME,
                       "`%s` and `%s` are locked in opposite orders: a potential deadlock", x, y);
    if (inv->thread_take)
        diag_primary(d, inv->taken_site->call->span, "the thread started here locks `%s` then `%s`", x, y);
    else
        diag_primary(d, inv->taken_site->call->span, "`%s` then `%s` here", x, y);
    if (inv->held_site->call != inv->taken_site->call)
        diag_secondary(d, inv->held_site->call->span, "`%s` locked here", x);
    if (first->thread_take)
        diag_secondary(d, first->taken_site->call->span, "the thread started here locks `%s` then `%s`",
                       first->held_name, first->taken_name);
    else
        diag_secondary(d, first->taken_site->call->span, "`%s` then `%s` here%s%s%s", first->held_name,
                       first->taken_name, first->in_fn == inv->in_fn ? "" : " (in `",
                       first->in_fn == inv->in_fn ? "" : first->in_fn->name, first->in_fn == inv->in_fn ? "" : "`)");
    inner_note(d, inv);
    inner_note(d, first);
    thread_note(d, inv, first, false);
    thread_note(d, first, inv, true);
    via_note(o, d, inv, NULL);
    via_note(o, d, first, inv);
    diag_note(d, "two threads running these paths at once can deadlock: one holds `%s` and waits for `%s`, the "
                 "other holds `%s` and waits for `%s`",
              x, y, first->held_name, first->taken_name);
    if (strcmp(first->held_name, y) != 0 || strcmp(first->taken_name, x) != 0)
        diag_note(d, "`%s` and `%s` are the same locks as `%s` and `%s` (%s, %s)", first->held_name,
                  first->taken_name, y, x, first->held_cls[0] == '@' ? "the same object" : first->held_cls,
                  first->taken_cls[0] == '@' ? "the same object" : first->taken_cls);
    if (first->held_cls[0] == '@' && first->taken_cls[0] == '@')
        diag_help(d, "always take `%s` before `%s`", first->held_name, first->taken_name);
    else
        diag_help(d, "always take `%s` before `%s` (%s before %s)", first->held_name, first->taken_name,
                  first->held_cls[0] == '@' ? first->held_name : first->held_cls,
                  first->taken_cls[0] == '@' ? first->taken_name : first->taken_cls);
    diag_sink_add(o->ctx->sink, d);
}

static void same_class_note(lo *o, const order_pair *p)
{
    diag *d = diag_new(LVL_NOTE, CHECK_CODE, CHECK_NAME,
                       "two locks of one kind (`%s`) are nested: `%s` then `%s`", p->held_cls, p->held_name,
                       p->taken_name);
    diag_primary(d, p->taken_site->call->span, "`%s` then `%s` here", p->held_name, p->taken_name);
    diag_secondary(d, p->held_site->call->span, "`%s` locked here", p->held_name);
    diag_note(d, "if two threads run this with the objects swapped, each can hold one lock and wait for the "
                 "other; this is only a note because ordered locking (by address, by id) is written the same way");
    diag_sink_add(o->ctx->sink, d);
}

/* ---- cycles of three or more locks ---- */

/* At most this many locks are named, and steps shown, in a cycle's report. */
#define CYCLE_SHOWN 8

static void report_cycle(lo *o, const order_pair *const *step, uint32_t n)
{
    /* the primary is the order that closes the cycle, written last in the file; the steps are
       listed from the one after it around */
    uint32_t last = 0;
    for (uint32_t i = 1; i < n; i++)
        if (step[i]->taken_site->call->span.begin > step[last]->taken_site->call->span.begin)
            last = i;
    fl_strbuf names = {0}, order = {0};
    for (uint32_t k = 0; k < n && k < CYCLE_SHOWN; k++) {
        const char *name = step[(last + 1 + k) % n]->held_name;
        bool final = k + 1 == n;
        fl_sb_printf(&names, "%s`%s`", k == 0 ? "" : final ? " and " : ", ", name);
        fl_sb_printf(&order, "%s`%s`", k == 0 ? "" : ", ", name);
    }
    if (n > CYCLE_SHOWN) {
        fl_sb_printf(&names, " and %u more locks", n - CYCLE_SHOWN);
        fl_sb_puts(&order, ", ...");
    }
    diag *d = diag_new(LVL_ERROR, CHECK_CODE, CHECK_NAME, "%s are locked in a cycle: a potential deadlock",
                       fl_sb_str(&names));
    for (uint32_t k = 0; k < n; k++) {
        uint32_t i = (last + 1 + k) % n;
        const order_pair *p = step[i];
        if (i == last)
            diag_primary(d, p->taken_site->call->span, "`%s` then `%s` here", p->held_name, p->taken_name);
        else if (k < CYCLE_SHOWN - 1)
            diag_secondary(d, p->taken_site->call->span, "`%s` then `%s` here (in `%s`)", p->held_name,
                           p->taken_name, p->in_fn->name);
    }
    if (n > CYCLE_SHOWN)
        diag_note(d, "%u more orders complete the cycle between the ones shown", n - CYCLE_SHOWN);
    diag_note(d, "%u threads running these paths at once can deadlock: each holds one of the locks and waits "
                 "for the next one around the cycle", n);
    diag_help(d, "take these locks in one order everywhere (%s), so that `%s` is never taken while `%s` is held",
              fl_sb_str(&order), step[last]->taken_name, step[last]->held_name);
    diag_sink_add(o->ctx->sink, d);
    fl_sb_free(&names);
    fl_sb_free(&order);
}

/* The cycles of the order graph that are not pairs: over classes (nodes) and distinct orders
   (edges, o->pairs without same-class nesting); in_pair[e]: edge e is half of a pair. */
static void find_cycles(lo *o, const bool *in_pair)
{
    size_t ne = o->pairs.len;
    fl_strmap ids = {0};
    uint32_t nn = 0;
    uint32_t *from = fl_xmalloc((ne + 1) * sizeof *from), *to = fl_xmalloc((ne + 1) * sizeof *to);
    for (size_t e = 0; e < ne; e++) {
        const order_pair *p = &o->pairs.items[e];
        uint32_t a = fl_strmap_intern(&ids, p->held_cls, nn);
        if (a == nn)
            nn++;
        uint32_t b = fl_strmap_intern(&ids, p->taken_cls, nn);
        if (b == nn)
            nn++;
        from[e] = a, to[e] = b;
    }
    /* adjacency: edges by source */
    uint32_t *first = fl_xcalloc(nn + 2, sizeof *first), *adj = fl_xmalloc((ne + 1) * sizeof *adj);
    for (size_t e = 0; e < ne; e++)
        if (from[e] != to[e])
            first[from[e] + 1]++;
    for (uint32_t v = 0; v < nn; v++)
        first[v + 1] += first[v];
    uint32_t *at = fl_xmalloc((nn + 1) * sizeof *at);
    memcpy(at, first, (nn + 1) * sizeof *at);
    for (size_t e = 0; e < ne; e++)
        if (from[e] != to[e])
            adj[at[from[e]]++] = (uint32_t)e;
    /* Tarjan's strongly connected components, iteratively */
    int32_t *index = fl_xmalloc((nn + 1) * sizeof *index), *low = fl_xmalloc((nn + 1) * sizeof *low);
    uint32_t *comp = fl_xmalloc((nn + 1) * sizeof *comp), *stk = fl_xmalloc((nn + 1) * sizeof *stk);
    uint32_t *cs_v = fl_xmalloc((nn + 1) * sizeof *cs_v), *cs_i = fl_xmalloc((nn + 1) * sizeof *cs_i);
    bool *on = fl_xcalloc(nn + 1, sizeof *on);
    for (uint32_t v = 0; v < nn; v++)
        index[v] = -1;
    int32_t next = 0;
    uint32_t nstk = 0, ncomp = 0;
    for (uint32_t r = 0; r < nn; r++) {
        if (index[r] >= 0)
            continue;
        uint32_t depth = 0;
        cs_v[depth] = r, cs_i[depth++] = first[r];
        index[r] = low[r] = next++;
        stk[nstk++] = r, on[r] = true;
        while (depth) {
            uint32_t v = cs_v[depth - 1];
            if (cs_i[depth - 1] < first[v + 1]) {
                uint32_t w = to[adj[cs_i[depth - 1]++]];
                if (index[w] < 0) {
                    index[w] = low[w] = next++;
                    stk[nstk++] = w, on[w] = true;
                    cs_v[depth] = w, cs_i[depth++] = first[w];
                } else if (on[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            if (low[v] == index[v]) {
                uint32_t w;
                do {
                    w = stk[--nstk];
                    on[w] = false;
                    comp[w] = ncomp;
                } while (w != v);
                ncomp++;
            }
            depth--;
            if (depth && low[v] < low[cs_v[depth - 1]])
                low[cs_v[depth - 1]] = low[v];
        }
    }
    /* per component, the first order (in the order found) that is not half of a pair: the
       shortest way back from its head to its tail, inside the component, closes a cycle */
    bool *done = fl_xcalloc(ncomp + 1, sizeof *done);
    int32_t *via = fl_xmalloc((nn + 1) * sizeof *via);
    uint32_t *queue = fl_xmalloc((nn + 1) * sizeof *queue);
    for (size_t e = 0; e < ne; e++) {
        uint32_t c = comp[from[e]];
        if (from[e] == to[e] || in_pair[e] || comp[to[e]] != c || done[c])
            continue;
        done[c] = true;
        for (uint32_t v = 0; v < nn; v++)
            via[v] = -1;
        uint32_t qh = 0, qt = 0;
        queue[qt++] = to[e];
        via[to[e]] = (int32_t)e;
        while (qh < qt && via[from[e]] < 0) {
            uint32_t v = queue[qh++];
            for (uint32_t i = first[v]; i < first[v + 1]; i++) {
                uint32_t w = to[adj[i]];
                if (comp[w] == c && via[w] < 0) {
                    via[w] = (int32_t)adj[i];
                    queue[qt++] = w;
                }
            }
        }
        if (via[from[e]] < 0)
            continue;
        /* the steps, from e around to the order that reaches e's tail */
        const order_pair **step = fl_xmalloc((nn + 1) * sizeof *step);
        uint32_t n = 0;
        for (uint32_t v = from[e]; n <= nn; ) {
            uint32_t ed = (uint32_t)via[v];
            step[n++] = &o->pairs.items[ed];
            if (ed == e)
                break;
            v = from[ed];
        }
        /* collected backwards: reverse into held -> taken order */
        for (uint32_t i = 0; i < n / 2; i++) {
            const order_pair *t = step[i];
            step[i] = step[n - 1 - i];
            step[n - 1 - i] = t;
        }
        if (n >= 3)
            report_cycle(o, step, n);
        free(step);
    }
    free(done);
    free(via);
    free(queue);
    free(index);
    free(low);
    free(comp);
    free(stk);
    free(cs_v);
    free(cs_i);
    free(on);
    free(first);
    free(adj);
    free(at);
    free(from);
    free(to);
    fl_strmap_free(&ids);
}

void check_lock_order(check_ctx *ctx)
{
    const lock_unit *u = ctx->fx->locks;
    if (ctx->fn || !u)
        return;
    lo o = {ctx, {0}, {0}, {0}, {0}};
    const ast_tu *tu = locks_unit_tu(u);
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        const lock_fn *lf = locks_unit_fn(u, i);
        if (!lf || !tu->funcs[i]->in_main_file)
            continue;
        if (lf->nlocks >= 2)
            locks_replay_all(lf, visit, &o);
        lo_calls lc = {&o, u, lf};
        locks_each_taking_call(u, lf, visit_call, &lc);
    }
    instantiate_param_orders(&o, u);
    instantiate_arg_orders(&o, u);
    lo_threads *threads = NULL; /* built at the first inversion */
    bool *in_pair = fl_xcalloc(o.pairs.len + 1, sizeof *in_pair);
    for (size_t i = 0; i < o.pairs.len; i++) {
        const order_pair *p = &o.pairs.items[i];
        if (strcmp(p->held_cls, p->taken_cls) == 0) {
            if (ctx->verbose)
                same_class_note(&o, p);
            continue;
        }
        uint32_t j;
        const char *inverse = fl_arena_sprintf(ctx->arena, "%s\t%s", p->taken_cls, p->held_cls);
        if (!fl_strmap_get(&o.seen, inverse, &j))
            continue;
        in_pair[i] = true;
        if (j > i)
            continue; /* reported when its second half comes */
        const order_pair *q = &o.pairs.items[j];
        const char *gate = common_gate(p, q);
        if (gate) {
            if (ctx->verbose)
                not_reporting(ctx, p, p, q,
                              fl_arena_sprintf(ctx->arena, "`%s` is held around both orders, so they never run at once",
                                               gate));
            continue;
        }
        if (p->readers && q->readers) {
            not_reporting(ctx, p, p, q, "both orders take both on the read side, and readers do not wait for readers");
            continue;
        }
        if (!threads)
            threads = lo_threads_build(ctx);
        const order_pair *alone = main_alone(ctx, threads, p) ? p : main_alone(ctx, threads, q) ? q : NULL;
        bool apart = !alone && !lo_threads_may_overlap(ctx, threads, p->in_fn, q->in_fn);
        if (alone || apart) {
            /* the same orders made elsewhere: a couple that does run at once (a janitor's evict
               against the client's lookup, where the client's own insert never runs beside it) */
            const order_pair *p2 = NULL, *q2 = NULL;
            for (size_t a = 0; a <= o.alts.len && !p2; a++) {
                const order_pair *pa = a == 0 ? p : o.alt_of.items[a - 1] == i ? &o.alts.items[a - 1] : NULL;
                for (size_t b = 0; pa && b <= o.alts.len && !p2; b++) {
                    const order_pair *qb = b == 0 ? q : o.alt_of.items[b - 1] == j ? &o.alts.items[b - 1] : NULL;
                    if (qb && (pa != p || qb != q) && pa->in_fn && qb->in_fn && !main_alone(ctx, threads, pa) &&
                        !main_alone(ctx, threads, qb) && lo_threads_may_overlap(ctx, threads, pa->in_fn, qb->in_fn))
                        p2 = pa, q2 = qb;
                }
            }
            if (!p2) {
                if (alone)
                    not_reporting(ctx, p, alone, alone == p ? q : p,
                                  "`main` takes them in its order while no thread it started may run");
                else if (ctx->verbose)
                    not_reporting(ctx, p, p, q,
                                  fl_arena_sprintf(ctx->arena, "no two threads of this program run `%s` and `%s` at once",
                                                   p->in_fn->name, q->in_fn->name));
                continue;
            }
            p = p2;
            q = q2;
        }
        /* the order written first in the file is the one established; the later one is reported */
        if (q->taken_site->call->span.begin <= p->taken_site->call->span.begin)
            report(&o, q, p);
        else
            report(&o, p, q);
    }
    find_cycles(&o, in_pair);
    lock_order_joins(ctx);
    lock_order_waits(ctx);
    lock_order_rings(ctx, &threads);
    free(in_pair);
    fl_vec_free(&o.pairs);
    fl_strmap_free(&o.seen);
    fl_vec_free(&o.alts);
    fl_vec_free(&o.alt_of);
}

