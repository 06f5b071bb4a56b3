/* locks_fn.c - one function's locksets: its lock sites and events, the dataflow over them, and
 * the replays and cursors the checks walk them with. The precision notes are in locks.c. */
#include "locks_impl.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../base/strmap.h"
#include "../base/vec.h"
#include "../ir/cond.h"
#include "../ir/split.h"
#include "annots.h"

/* ---- one function ------------------------------------------------------------------------ */

typedef FL_VEC(lock_info) info_vec;
typedef FL_VEC(lock_site) site_vec;
typedef FL_VEC(lock_event) event_vec;
typedef FL_VEC(lock_test) test_vec;

typedef struct an {
    const lock_unit *u;
    const cfg *g;
    fl_arena *A;
    lock_fn *lf;
    /* Per lock, the memo of walks (locks.h, locks_analyze): in the state of walk sole_walk[l],
       site sole[l] is the only site bit of lock l that is set. Scratch for the walks, not part
       of the result: any walk may overwrite another's entry, which then just misses. */
    uint32_t *sole;
    uint64_t *sole_walk;
    /* The state locks_replay is showing its visitor, and its walk: locks_last_sites on it reads
       the memo (a visitor asking, at each acquire, which sites last took the locks held). */
    struct replaying {
        const fl_word *st;
        uint64_t walk;
    } *replaying;
    /* The stamps of its walks (0: no walk), and the work its walks did (locks_work). */
    struct an_count {
        uint64_t walks, work;
    } *count;
    /* While the locks are collected: each lock's index by its place ("<root>|<path>"), so that a
       function with many locks finds each in constant time. */
    fl_strmap *ids;
} an;

/* The lock at place p, made on first sight; named as written there (`name`, or p's own). */
static uint32_t lock_index(an *a, info_vec *locks, place p, const char *name)
{
    const char *key = fl_arena_sprintf(a->A, "%p|%s", (void *)p.root, p.path);
    uint32_t id = fl_strmap_intern(a->ids, key, (uint32_t)locks->len);
    if (id < locks->len)
        return id;
    lock_info li = {0};
    li.where = p;
    li.name = name ? name : place_str(a->A, p);
    li.cls = locks_lock_class(a->A, p);
    li.entry_unknown = !ast_var_is_auto(p.root) || place_path_derefs(p.path);
    li.imprecise = strstr(p.path, "[*]") != NULL;
    fl_vec_push(locks, li);
    return (uint32_t)(locks->len - 1);
}

/* The place an effect of a summary names at this call. */
static place effect_place(fl_arena *A, const ast_node *call, const lock_effect *e)
{
    if (e->param < 0)
        return e->global ? (place){e->global, e->path} : (place){NULL, NULL};
    if ((uint32_t)e->param + 1 >= call->nkids)
        return (place){NULL, NULL};
    ast_node *arg = call->kids[1 + e->param];
    /* compose the path from the argument's value: `&g` + "*.mu" is g.mu, `s` + "*.mu" is s->mu */
    if (e->path[0] == '*') {
        ast_node *x = ast_strip_casts(arg);
        if (x && x->kind == AST_UNARY && x->op == UN_ADDR_OF && x->nkids == 1)
            return place_append(A, place_of(A, x->kids[0]), e->path + 1);
        if (x && (x->ty & TY_ARRAY))
            return place_append(A, place_of(A, x), e->path[1] == '[' ? e->path + 1
                                                                     : fl_arena_sprintf(A, "[0]%s", e->path + 1));
    }
    return place_append(A, place_of(A, arg), e->path);
}

/* The variable an lvalue is rooted at, through any steps (`c->next->x` -> c). */
static ast_var *any_root(ast_node *e)
{
    for (int guard = 0; e && guard < 256; guard++) {
        e = ast_strip_casts(e);
        if (!e)
            return NULL;
        if (e->kind == AST_REF)
            return e->var;
        if (e->kind == AST_MEMBER || e->kind == AST_INDEX || (e->kind == AST_UNARY && e->op == UN_DEREF))
            e = e->kids[0];
        else
            return NULL;
    }
    return NULL;
}

typedef struct status_var {
    ast_var *var;
    uint32_t site;
    uint32_t block, elem; /* where `var = lock(...)` is */
} status_var;

/* True if element `el` may change the whole variable v (an assignment, ++/--, a declaration,
   or taking its address, after which any call may write it). */
static bool elem_writes_var(const cfg_elem *el, const ast_var *v)
{
    if (el->kind == CFG_DECL)
        return el->var == v;
    const ast_node *n = el->node;
    if (el->kind != CFG_EXPR || !n)
        return false;
    if (cond_written_var(el) == v)
        return true;
    if (n->kind == AST_UNARY && n->op == UN_ADDR_OF) {
        ast_node *l = ast_strip_parens(n->kids[0]);
        return l && l->kind == AST_REF && l->var == v;
    }
    return false;
}

/* The acquire site whose status `v` holds at the end of block b: the last write of v reaching
   the branch must be `v = lock(...)` itself. Walks back through the block and then through
   single predecessors only (an `else if (e != EDEADLK)` chain), so that a variable reused for
   the status of other calls (`err = pthread_create(...); if (err != 0)` before
   `err = pthread_mutex_lock(&m)`) is never mistaken for the lock's status. -1: unknown. */
static int32_t reaching_status(const cfg *g, uint32_t b, const ast_var *v, const status_var *sv, uint32_t nsv)
{
    for (int guard = 0; guard < 32; guard++) {
        const cfg_block *bl = &g->blocks[b];
        for (uint32_t i = bl->nelems; i-- > 0;) {
            if (!elem_writes_var(&bl->elems[i], v))
                continue;
            for (uint32_t k = 0; k < nsv; k++)
                if (sv[k].var == v && sv[k].block == b && sv[k].elem == i)
                    return (int32_t)sv[k].site;
            return -1;
        }
        if (bl->npreds != 1)
            return -1;
        b = bl->preds[0];
    }
    return -1;
}

/* The acquire site of a call whose status a branch can test: an API call, or a try helper. */
static int32_t site_of_call(const lock_fn *lf, const ast_node *call)
{
    for (uint32_t s = 0; s < lf->nsites; s++) {
        const lock_site *ls = &lf->sites[s];
        if (ls->call == call && lock_op_acquires(ls->op) &&
            (!ls->via_helper || ls->op == LOCK_TRY || ls->op == LOCK_TRY_SHARED))
            return (int32_t)s;
    }
    return -1;
}

/* If `c` tests the status of acquire sites: which, whether directly, and the polarity. */
static void status_test(an *a, uint32_t b, ast_node *c, status_var *sv, uint32_t nsv, test_vec *tests)
{
    bool ok_when_true; /* `status` alone is true on failure: ok when it is zero */
    c = cond_tested_value(c, &ok_when_true);
    if (!c)
        return;
    lock_fn *lf = a->lf;
    int32_t s = -1;
    if (c->kind == AST_CALL || (c->kind == AST_OTHER && c->name)) {
        s = site_of_call(lf, c);
        if (s >= 0)
            lf->sites[s].edge_only = true;
    } else if (c->kind == AST_REF && c->var) {
        s = reaching_status(a->g, b, c->var, sv, nsv);
    }
    if (s >= 0) {
        /* a helper that returns non-zero on success succeeds where the status is non-zero */
        lock_test t = {(uint32_t)s, ok_when_true != lf->sites[s].success_nonzero};
        fl_vec_push(tests, t);
    }
}

/* Clear every site bit of lock l: the one bit the walk set, when it remembers it, else the
   lock's range of bits. */
static void clear_sites(const an *a, const lock_fn *lf, fl_word *st, uint32_t l, uint64_t walk)
{
    if (walk && a->sole_walk[l] == walk) {
        fl_bs_clear(st, locks_bit_site(lf, a->sole[l]));
        a->count->work++;
        return;
    }
    uint32_t base = 4 * lf->nlocks;
    fl_bs_clear_range(st, base + lf->site_first[l], base + lf->site_first[l + 1]);
    a->count->work += 1 + (lf->site_first[l + 1] - lf->site_first[l]) / 64;
}

/* Set site s's bit after clear_sites: the walk now knows it is the lock's only one. */
static void set_sole(const an *a, const lock_fn *lf, fl_word *st, uint32_t s, uint64_t walk)
{
    fl_bs_set(st, locks_bit_site(lf, s));
    if (walk) {
        a->sole[lf->sites[s].lock] = s;
        a->sole_walk[lf->sites[s].lock] = walk;
    }
}

/* Set site s's bit beside the others of its lock: no walk knows the lock's bits any more. */
static void add_site_bit(const an *a, const lock_fn *lf, fl_word *st, uint32_t s)
{
    fl_bs_set(st, locks_bit_site(lf, s));
    a->sole_walk[lf->sites[s].lock] = 0;
}

static void set_state(const an *a, const lock_fn *lf, fl_word *st, uint32_t s, bool held, uint64_t walk)
{
    uint32_t l = lf->sites[s].lock;
    if (held) {
        /* acquired while already held on some path: one release may not free it */
        if (fl_bs_test(st, locks_bit_h(l)))
            fl_bs_set(st, locks_bit_n(l));
        else
            fl_bs_clear(st, locks_bit_n(l));
        fl_bs_set(st, locks_bit_h(l));
        fl_bs_clear(st, locks_bit_u(l));
    } else if (fl_bs_test(st, locks_bit_n(l)) && lf->sites[s].op == LOCK_RELEASE) {
        /* releasing one level of a nested hold: maybe still held */
        fl_bs_clear(st, locks_bit_n(l));
        fl_bs_set(st, locks_bit_u(l));
        add_site_bit(a, lf, st, s);
        return;
    } else {
        fl_bs_clear(st, locks_bit_h(l));
        fl_bs_clear(st, locks_bit_n(l));
        fl_bs_set(st, locks_bit_u(l));
    }
    fl_bs_clear(st, locks_bit_e(l));
    clear_sites(a, lf, st, l, walk);
    set_sole(a, lf, st, s, walk);
}

/* The per-lock site lists live with the result so that locks_apply works after analysis. */
/* A lock by its place, for locks_find: sorted by root, then path. */
typedef struct by_place {
    const ast_var *root;
    const char *path;
    uint32_t lock;
} by_place;

typedef struct lock_fn_ext {
    lock_fn pub;
    an a;
    by_place *places; /* pub.nlocks of them */
} lock_fn_ext;

static int cmp_place(const void *x, const void *y)
{
    const by_place *a = x, *b = y;
    if (a->root != b->root)
        return (uintptr_t)a->root < (uintptr_t)b->root ? -1 : 1;
    return strcmp(a->path, b->path);
}

uint32_t locks_find(const lock_fn *lf, place p)
{
    const by_place *v = ((const lock_fn_ext *)lf)->places;
    if (!p.root || !p.path || !v)
        return lf->nlocks;
    by_place key = {p.root, p.path, 0};
    const by_place *hit = bsearch(&key, v, lf->nlocks, sizeof *v, cmp_place);
    return hit ? hit->lock : lf->nlocks;
}

static const an *an_of(const lock_fn *lf) { return &((const lock_fn_ext *)lf)->a; }

/* Apply one event as part of walk `walk` (0: on its own). */
static void apply(const lock_fn *lf, const lock_event *ev, fl_word *st, uint64_t walk)
{
    const an *a = an_of(lf);
    a->count->work++;
    if (ev->kind == LEV_RENAME) {
        fl_bs_set(st, locks_bit_u(ev->arg));
        return;
    }
    const lock_site *s = &lf->sites[ev->arg];
    if (s->edge_only)
        return;
    if (s->op == LOCK_MAYBE) {
        /* held on some paths, free on others: neither must-held nor must-unheld from here */
        fl_bs_set(st, locks_bit_h(s->lock));
        fl_bs_set(st, locks_bit_u(s->lock));
        clear_sites(a, lf, st, s->lock, walk);
        set_sole(a, lf, st, ev->arg, walk);
        return;
    }
    if (s->maybe) {
        /* remember a hold from before, for the failure edge of a test of its status */
        if (fl_bs_test(st, locks_bit_h(s->lock)))
            fl_bs_set(st, locks_bit_n(s->lock));
        fl_bs_set(st, locks_bit_h(s->lock));
        add_site_bit(a, lf, st, ev->arg);
        return;
    }
    set_state(a, lf, st, ev->arg, s->op != LOCK_RELEASE, walk);
}

void locks_apply(const lock_fn *lf, const lock_event *ev, fl_word *st)
{
    apply(lf, ev, st, 0);
}

static void transfer(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)g;
    const lock_fn *lf = ctx;
    uint64_t walk = ++an_of(lf)->count->walks;
    for (uint32_t e = lf->ev_first[b->id]; e < lf->ev_first[b->id + 1]; e++)
        apply(lf, &lf->ev[e], st, walk);
}

static void edge(void *ctx, const cfg *g, const cfg_block *b, uint32_t succ, fl_word *st)
{
    (void)g;
    const lock_fn *lf = ctx;
    if (b->nsuccs != 2)
        return;
    for (uint32_t t = lf->test_first[b->id]; t < lf->test_first[b->id + 1]; t++) {
        const lock_test *lt = &lf->tests[t];
        bool success = (succ == 0) == lt->true_is_success;
        const lock_site *s = &lf->sites[lt->site];
        if (success) {
            /* a try applied at the call (its status went to a variable) marked the lock maybe
               held, and remembered in bit N whether it was held before: success is one hold,
               nested only if it was */
            bool nested_before = s->maybe && fl_bs_test(st, locks_bit_n(s->lock));
            set_state(an_of(lf), lf, st, lt->site, true, 0);
            if (s->maybe && !nested_before)
                fl_bs_clear(st, locks_bit_n(s->lock));
        } else if (s->edge_only && fl_bs_test(st, locks_bit_h(s->lock))) {
            /* A failed acquire of a lock this function holds changes nothing: the state before
               the call (which is what an edge-only site's edges see) stands. A failed trylock
               of a held lock (EBUSY) leaves it held; tests do exactly that. A lock held only
               by the caller, maybe (bit E), is taken as not held: failing to take a lock the
               thread holds would be the bug itself. */
        } else if (fl_bs_test(st, locks_bit_n(s->lock))) {
            /* the call was applied and the lock was held on some path before it: it still may be */
            fl_bs_set(st, locks_bit_u(s->lock));
            fl_bs_clear(st, locks_bit_n(s->lock));
        } else {
            set_state(an_of(lf), lf, st, lt->site, false, 0);
        }
    }
}

static void boundary(void *ctx, fl_word *st)
{
    const lock_fn *lf = ctx;
    for (uint32_t l = 0; l < lf->nlocks; l++) {
        const lock_info *li = &lf->locks[l];
        if (li->required)
            fl_bs_set(st, locks_bit_h(l));
        else if (li->entry_unknown)
            fl_bs_set(st, locks_bit_e(l));
        else
            fl_bs_set(st, locks_bit_u(l));
    }
}

/* The function's own FL_REQUIRES / FL_RELEASE / FL_ACQUIRE: locks held on entry, or whose
   holding at return is the contract. */
uint32_t locks_fn_contract(const lock_unit *u, const ast_func *fn, lock_contract *out, uint32_t max)
{
    if (!fn->self || !fn->self->annots.n)
        return 0;
    uint32_t n = 0;
    an_list an = an_parse(u->A, fn->self->annots);
    for (uint32_t i = 0; i < an.n; i++) {
        const an_item *it = &an.items[i];
        bool required = it->kind == AN_REQUIRES || it->kind == AN_REQUIRES_SHARED || it->kind == AN_RELEASE;
        bool acquire = it->kind == AN_ACQUIRE || it->kind == AN_ACQUIRE_SHARED;
        if (!required && !acquire)
            continue;
        for (uint32_t k = 0; k < it->nargs; k++) {
            lock_effect le = {0};
            if (!locks_parse_fn_annot_arg(u->A, u->tu, it->args[k], fn, &le))
                continue;
            place p = le.param >= 0 ? place_append(u->A, (place){fn->params[le.param], ""}, le.path)
                                    : (place){le.global, le.path};
            if (p.root && n < max)
                out[n++] = (lock_contract){p, required, it->kind == AN_REQUIRES_SHARED};
        }
    }
    return n;
}

static void own_annotations(an *a, const ast_func *fn, info_vec *locks)
{
    lock_contract c[16];
    uint32_t n = locks_fn_contract(a->u, fn, c, 16);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t l = lock_index(a, locks, c[i].where, NULL);
        if (c[i].required)
            locks->items[l].required = true;
        else
            locks->items[l].declared_acquire = true;
    }
}

/* v is assigned (`=`, `+=`, `++`) somewhere in the function. */
static bool assigned(const cfg *g, const ast_var *v)
{
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++)
            if (cond_written_var(&g->blocks[bi].elems[i]) == v)
                return true;
    return false;
}

/* The parameter or global a local pointer copies, when its declaration initializes it from one
   (through casts and a comma's right side, as in OVS's CONST_CAST) and nothing assigns it later:
   `struct ovs_mutex *l = CONST_CAST(struct ovs_mutex *, l_);` is l_ under another name, so a lock
   reached through it can be summarised for the parameter. */
ast_var *locks_copy_of(const cfg *g, ast_var *v)
{
    if (!v || v->storage != STORAGE_LOCAL || !(v->ty & TY_POINTER) || (v->flags & AST_VAR_ADDRESS_TAKEN) ||
        !v->decl || !v->decl->nkids)
        return NULL;
    ast_node *init = v->decl->kids[0];
    for (int guard = 0; init && guard < 16; guard++) {
        init = ast_strip_casts(init);
        if (init && init->kind == AST_BINARY && init->op == BIN_COMMA)
            init = init->kids[1];
        else
            break;
    }
    if (!init || init->kind != AST_REF || !init->var || init->var == v ||
        (init->var->storage != STORAGE_PARAM && init->var->storage != STORAGE_GLOBAL &&
         init->var->storage != STORAGE_STATIC_LOCAL))
        return NULL;
    return assigned(g, v) ? NULL : init->var;
}

/* The object a local pointer points to all through the function, when its declaration takes
   its address and nothing assigns the pointer later, nor the variable the object is reached
   from: `pthread_mutex_t *mu = &p->lock;` makes `*mu` the place {p, "*.lock"}. */
static place address_copied(fl_arena *A, const cfg *g, ast_var *v)
{
    place none = {NULL, NULL};
    if (!v || v->storage != STORAGE_LOCAL || !(v->ty & TY_POINTER) || (v->flags & AST_VAR_ADDRESS_TAKEN) ||
        !v->decl || !v->decl->nkids)
        return none;
    ast_node *init = ast_strip_casts(v->decl->kids[0]);
    if (!init || init->kind != AST_UNARY || init->op != UN_ADDR_OF)
        return none;
    place q = place_of_pointee(A, init);
    if (!q.root || q.root == v || strstr(q.path, "[*]") || assigned(g, v) ||
        (place_path_derefs(q.path) && (assigned(g, q.root) || (q.root->flags & AST_VAR_ADDRESS_TAKEN))))
        return none;
    return q;
}

/* q is one global object reached through no pointer and by no unknown index, the same as *got
   when that is set (then *got becomes q): one more definition naming the object the others name. */
static bool same_global_object(place *got, place q)
{
    if (!q.root || (q.root->storage != STORAGE_GLOBAL && q.root->storage != STORAGE_STATIC_LOCAL) ||
        place_path_derefs(q.path) || strstr(q.path, "[*]") ||
        (got->root && (got->root != q.root || strcmp(got->path, q.path) != 0)))
        return false;
    *got = q;
    return true;
}

/* The global object a function of the unit returns the address of at every return (`return
   &inv;`, a getter that locks it first), read off its body when that is small: a getter is a
   few statements, and a bigger body is not walked (a constant cost per call asking). */
#define GETTER_NODES 128
static place getter_place(fl_arena *A, const ast_func *f)
{
    place none = {NULL, NULL}, got = none;
    if (!f || !f->body)
        return none;
    const ast_node *stack[GETTER_NODES];
    uint32_t n = 0, seen = 0;
    stack[n++] = f->body;
    while (n) {
        const ast_node *x = stack[--n];
        if (!x)
            continue;
        if (++seen > GETTER_NODES)
            return none;
        if (x->kind == AST_RETURN) {
            ast_node *e = x->nkids ? ast_strip_casts(x->kids[0]) : NULL;
            if (!same_global_object(&got, e && e->kind == AST_UNARY && e->op == UN_ADDR_OF ? place_of_pointee(A, e)
                                                                                          : none))
                return none;
            continue;
        }
        for (uint16_t k = 0; k < x->nkids; k++) {
            if (n == GETTER_NODES)
                return none;
            stack[n++] = x->kids[k];
        }
    }
    return got;
}

/* The global object a local pointer points to at every use, when each of its definitions (its
   initializer, plain assignments) takes that object's address, directly or through a getter of
   the unit (`p = inv_acquire();` with `return &inv;`), and nothing else writes it. */
static place defs_agree(fl_arena *A, const cfg *g, ast_var *v)
{
    place none = {NULL, NULL}, got = none;
    uint32_t n;
    bool bare;
    ast_node **defs = v && (v->ty & TY_POINTER) ? cond_local_defs(A, g->fn, g, v, &n, &bare) : NULL;
    for (uint32_t k = 0; defs && k < n; k++) {
        ast_node *e = ast_strip_casts(defs[k]);
        place q = !e                                                   ? none
                  : e->kind == AST_UNARY && e->op == UN_ADDR_OF        ? place_of_pointee(A, e)
                  : e->kind == AST_CALL && e->callee && e->callee->def ? getter_place(A, e->callee->def)
                                                                       : none;
        if (!same_global_object(&got, q))
            return none;
    }
    return got;
}

/* p as the function's locks are named: through a local copy of a parameter or global, as
   through the original, and through a local pointer to one object, as that object. */
static place named_as_original(fl_arena *A, const cfg *g, place p)
{
    if (p.root && p.path && p.root->storage == STORAGE_LOCAL && p.path[0] == '*') {
        ast_var *orig = locks_copy_of(g, p.root);
        if (orig) {
            p.root = orig;
            return p;
        }
        place q = A ? address_copied(A, g, p.root) : (place){NULL, NULL};
        if (!q.root && A)
            q = defs_agree(A, g, p.root);
        if (q.root)
            return p.path[1] ? place_append(A, q, p.path + 1) : q;
    }
    return p;
}

place locks_place_of_arg(fl_arena *A, const cfg *g, ast_node *arg)
{
    return named_as_original(A, g, place_of_pointee(A, arg));
}

bool locks_fn_releases(const lock_fn *lf, uint32_t l)
{
    for (uint32_t k = lf->site_first[l]; k < lf->site_first[l + 1]; k++)
        if (lf->sites[lf->site_list[k]].op == LOCK_RELEASE)
            return true;
    return false;
}

bool locks_releases_entry_only_joined(const lock_fn *lf, uint32_t l, fl_word *st)
{
    bool any = false;
    for (uint32_t k = lf->site_first[l]; k < lf->site_first[l + 1]; k++) {
        const lock_site *s = &lf->sites[lf->site_list[k]];
        if (s->op != LOCK_RELEASE || !lf->df->reached[s->block])
            continue;
        locks_cursor lc;
        locks_cursor_start(&lc, lf, s->block, st);
        locks_cursor_to(&lc, s->elem);
        if (!fl_bs_test(st, locks_bit_e(l)))
            continue;
        if (!fl_bs_test(st, locks_bit_h(l)))
            return false;
        any = true;
    }
    return any;
}

/* A site that acquires l exclusively (a blocking lock; with `tries`, the function's own trylock
   too) where the lock may still be as the caller left it. */
static bool takes_from_entry(const lock_fn *lf, uint32_t l, fl_word *st, bool tries)
{
    if (lf->split_var && lf->split_var->storage == STORAGE_PARAM && !(lf->split_var->ty & TY_POINTER))
        return false; /* a flag parameter may say the caller holds it (`if (!held) lock(&m);`) */
    for (uint32_t k = lf->site_first[l]; k < lf->site_first[l + 1]; k++) {
        const lock_site *s = &lf->sites[lf->site_list[k]];
        bool takes = (s->op == LOCK_ACQUIRE && lock_site_blocks(s)) || (tries && s->op == LOCK_TRY && !s->via_helper);
        if (!takes || !lf->df->reached[s->block])
            continue;
        locks_cursor lc;
        locks_cursor_start(&lc, lf, s->block, st);
        locks_cursor_to(&lc, s->elem);
        /* (an array element by a computed index: the element held on some path, one taken an
           iteration earlier, may be another: `for (i...) lock(&t[i].mu);` takes each as the
           caller left it) */
        if (fl_bs_test(st, locks_bit_e(l)) && (!fl_bs_test(st, locks_bit_h(l)) || lf->locks[l].imprecise))
            return true;
    }
    return false;
}

bool locks_waits_from_entry(const lock_fn *lf, uint32_t l, fl_word *st)
{
    return takes_from_entry(lf, l, st, false);
}

bool locks_tries_from_entry(const lock_fn *lf, uint32_t l, fl_word *st)
{
    return takes_from_entry(lf, l, st, true);
}

/* An operation on lock l in block b before element `before`: a release only with `release`. */
static bool block_op(const lock_fn *lf, uint32_t b, uint32_t l, uint32_t before, bool release)
{
    for (uint32_t e = lf->ev_first[b]; e < lf->ev_first[b + 1] && lf->ev[e].elem < before; e++)
        if (lf->ev[e].kind == LEV_OP && lf->sites[lf->ev[e].arg].lock == l &&
            (!release || lf->sites[lf->ev[e].arg].op == LOCK_RELEASE))
            return true;
    return false;
}

bool locks_block_releases(const lock_fn *lf, uint32_t b, uint32_t l, uint32_t before)
{
    return block_op(lf, b, l, before, true);
}

bool locks_block_has_op(const lock_fn *lf, uint32_t b, uint32_t l, uint32_t before)
{
    return block_op(lf, b, l, before, false);
}

/* No later element of the block has n as an operand (a parent comes after its operands, in the
   same block unless a short-circuit operator splits it, and then n decides the block), it
   decides nothing and is not returned; a cast to void throws it away too. */
bool locks_value_discarded(const cfg_block *b, uint32_t i, const ast_node *n)
{
    for (;;) {
        if (b->cond == n || (b->term && b->term->nkids && b->term->kids[0] == n))
            return false;
        const ast_node *parent = NULL;
        uint32_t at = i;
        for (uint32_t j = i + 1; j < b->nelems && !parent; j++) {
            const ast_node *p = b->elems[j].node;
            for (uint16_t k = 0; p && k < p->nkids && !parent; k++)
                if (p->kids[k] == n)
                    parent = p, at = j;
        }
        if (!parent)
            return true;
        if (parent->kind == AST_CAST && (parent->ty & TY_VOID))
            return true; /* (void)call */
        if (parent->kind != AST_PAREN)
            return false;
        n = parent, i = at;
    }
}

static void add_site(an *a, info_vec *locks, site_vec *sites, ast_node *call, lock_op op, place p, const char *api,
                     bool helper, bool soft, uint32_t b, uint32_t i)
{
    if (!p.root || !p.path)
        return;
    const char *written = place_str(a->A, p);
    /* a copy's type may say more than the original's (`struct cache *c = ctx;` of a `void *`) */
    const char *written_cls = locks_lock_class(a->A, p);
    p = named_as_original(a->A, a->g, p);
    lock_site s = {0};
    s.call = call;
    s.op = op;
    s.lock = lock_index(a, locks, p, written);
    if (!locks->items[s.lock].cls)
        locks->items[s.lock].cls = written_cls;
    s.api = api;
    s.via_helper = helper;
    s.soft = soft;
    locks->items[s.lock].soft |= soft;
    s.block = b;
    s.elem = i;
    fl_vec_push(sites, s);
}

typedef struct zero_store {
    ast_node *n;
    place p;
    uint32_t b, i;
} zero_store;

/* Step 1b: the plain stores of 0 to a place the function takes or gives back as a soft lock
   (nginx's `ngx_unlock(lock)` is `*(lock) = 0`) release it; merged into the sites, which stay
   in block and element order. */
static void add_zero_releases(an *a, info_vec *locks, site_vec *sites, const zero_store *z, size_t nz)
{
    bool any_soft = false;
    for (size_t l = 0; l < locks->len; l++)
        any_soft |= locks->items[l].soft;
    if (!any_soft || !nz)
        return;
    site_vec old = *sites;
    site_vec merged = {0};
    size_t k = 0;
    for (size_t j = 0; j < nz; j++) {
        bool soft = false;
        for (size_t l = 0; l < locks->len && !soft; l++)
            soft = locks->items[l].soft && place_equal(locks->items[l].where, z[j].p);
        if (!soft)
            continue;
        while (k < old.len && (old.items[k].block < z[j].b || (old.items[k].block == z[j].b && old.items[k].elem < z[j].i)))
            fl_vec_push(&merged, old.items[k++]);
        add_site(a, locks, &merged, z[j].n, LOCK_RELEASE, z[j].p, "= 0", false, true, z[j].b, z[j].i);
    }
    if (!merged.len)
        return;
    while (k < old.len)
        fl_vec_push(&merged, old.items[k++]);
    fl_vec_free(&old);
    *sites = merged;
}

/* A call through a local function pointer defined once with a function, as a direct call of that
   function whose arguments defined once are their values; NULL for anything else. */
static ast_node *call_via_local(fl_arena *A, const ast_func *fn, ast_node *const *defs, const ast_node *call)
{
    ast_node *f = cond_def_of(fn, defs, call->kids[0]);
    f = f ? ast_strip_casts(f) : NULL;
    if (f && f->kind == AST_UNARY && f->op == UN_ADDR_OF && f->nkids == 1)
        f = ast_strip_casts(f->kids[0]);
    if (!f || f->kind != AST_REF || !f->callee)
        return NULL;
    ast_node *c = fl_arena_memdup(A, call, sizeof *call);
    c->callee = f->callee;
    c->kids = fl_arena_memdup(A, call->kids, call->nkids * sizeof *call->kids);
    for (uint16_t k = 1; k < c->nkids; k++) {
        ast_node *d = cond_def_of(fn, defs, c->kids[k]);
        if (d)
            c->kids[k] = d;
    }
    return c;
}

/* What a helper's effect e does at this call: its value for a constant argument where a
   parameter decides it (lock_effect.by_value), else e->op. */
static lock_op effect_at(const lock_effect *e, const ast_node *call)
{
    if (!e->by_value || (uint32_t)e->value_param + 1 >= call->nkids)
        return e->op;
    const ast_node *a = call->kids[e->value_param + 1];
    if (cond_is_nonzero_constant(a))
        return e->op_by_value[0];
    if (cond_is_zero(a))
        return e->op_by_value[1];
    return e->op;
}

/* The classes of locks the function's callees return holding through local pointers
   (lock_summary.unnamed), found at the first need: a release of such a lock may give back what
   the callee took, not the caller's lock. */
typedef struct callee_taken {
    const char *cls[8];
    int32_t n;              /* -1 until looked for */
} callee_taken;

static bool callee_took(const lock_unit *u, const cfg *g, callee_taken *t, const char *cls)
{
    if (!cls)
        return false;
    if (t->n < 0) {
        t->n = 0;
        for (uint32_t bi = 0; bi < g->nblocks && t->n < 8; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems && t->n < 8; i++) {
                const ast_node *n = g->blocks[bi].elems[i].node;
                const lock_summary *cs = n && n->kind == AST_CALL ? locks_summary_of(u, n->callee) : NULL;
                for (uint32_t k = 0; cs && k < cs->nunnamed && t->n < 8; k++)
                    t->cls[t->n++] = cs->unnamed[k];
            }
    }
    for (int32_t k = 0; k < t->n; k++)
        if (strcmp(t->cls[k], cls) == 0)
            return true;
    return false;
}

/* Per lock: some release of it may drop a lock the caller held (its E bit is set there), unless
   a callee took a lock of its class (callee_took). One cursor walk a block. */
static bool *releases_entry_of(fl_arena *A, const lock_unit *u, const lock_fn *lf, callee_taken *taken)
{
    const cfg *g = lf->g;
    bool *out = FL_NEW_ARRAY(A, bool, lf->nlocks + 1);
    fl_word *st = FL_NEW_ARRAY(A, fl_word, lf->nwords + 1);
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        if (!lf->df->reached[bi] || lf->ev_first[bi] == lf->ev_first[bi + 1])
            continue;
        locks_cursor c;
        locks_cursor_start(&c, lf, bi, st);
        for (uint32_t e = lf->ev_first[bi]; e < lf->ev_first[bi + 1]; e++) {
            const lock_event *ev = &lf->ev[e];
            if (ev->kind != LEV_OP || lf->sites[ev->arg].op != LOCK_RELEASE)
                continue;
            locks_cursor_to(&c, ev->elem);
            uint32_t l = lf->sites[ev->arg].lock;
            if (fl_bs_test(st, locks_bit_e(l)) && !out[l] && !callee_took(u, g, taken, lf->locks[l].cls))
                out[l] = true;
        }
    }
    return out;
}

lock_fn *locks_analyze(const lock_unit *u, const ast_func *fn, const cfg *g)
{
    fl_arena *A = u->A;
    an a0 = {0};
    a0.u = u;
    a0.g = g;
    a0.A = A;
    info_vec locks = {0};
    site_vec sites = {0};
    FL_VEC(zero_store) zeros = {0}; /* plain stores of 0: they give back a soft lock of the place */
    fl_strmap ids = {0};
    a0.ids = &ids;
    ast_node **defs = NULL; /* cond_single_defs, when a call through a pointer asks */

    /* 1. lock operations */
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            ast_node *n = el->node;
            if (el->kind != CFG_EXPR || !n)
                continue;
            if (n->kind == AST_BINARY && n->op == BIN_ASSIGN) {
                zero_store z = {n, locks_zero_store(A, n), bi, i};
                if (z.p.root)
                    fl_vec_push(&zeros, z);
                continue;
            }
            if (n->kind != AST_CALL && !(n->kind == AST_OTHER && n->name))
                continue;
            lock_call lc = lock_classify(A, n);
            if (lc.op != LOCK_NONE) {
                size_t before = sites.len;
                add_site(&a0, &locks, &sites, n, lc.op, lc.where, lc.api, false, lc.soft, bi, i);
                if (sites.len > before) {
                    sites.items[before].success_nonzero = lc.success_nonzero;
                    /* a try whose status is thrown away (`pthread_mutex_trylock(&m);` as a
                       statement) may have failed: the accesses after it do not count on the
                       lock, as in Clang's analysis */
                    sites.items[before].discarded = (lc.op == LOCK_TRY || lc.op == LOCK_TRY_SHARED) &&
                                                    locks_value_discarded(b, i, n);
                }
                continue;
            }
            if (n->kind != AST_CALL || !n->nkids)
                continue;
            const ast_node *via = n;
            if (!n->callee) {
                if (!defs)
                    defs = cond_single_defs(A, fn, g);
                via = call_via_local(A, fn, defs, n);
                if (!via)
                    continue;
            }
            const lock_summary *s = locks_summary_of(u, via->callee);
            for (uint32_t k = 0; s && k < s->n; k++) {
                size_t before = sites.len;
                lock_op op = effect_at(&s->effects[k], n);
                if (op == LOCK_NONE)
                    continue;
                add_site(&a0, &locks, &sites, n, op, effect_place(A, via, &s->effects[k]),
                         via->callee->name, true, s->effects[k].soft, bi, i);
                if (sites.len > before) {
                    sites.items[before].success_nonzero = s->effects[k].success_nonzero;
                    sites.items[before].tried = s->effects[k].tried;
                    sites.items[before].waits = s->effects[k].waits;
                }
            }
        }
    }
    add_zero_releases(&a0, &locks, &sites, zeros.items, zeros.len);
    fl_vec_free(&zeros);
    if (!sites.len) {
        fl_vec_free(&locks);
        fl_strmap_free(&ids);
        return NULL;
    }
    own_annotations(&a0, fn, &locks);
    fl_strmap_free(&ids);
    a0.ids = NULL; /* the locks are known: no more lookups */

    lock_fn_ext *x = FL_NEW(A, lock_fn_ext);
    lock_fn *lf = &x->pub;
    x->a = a0;
    an *a = &x->a;
    a->lf = lf;
    lf->fn = fn;
    lf->g = g;
    lf->nlocks = (uint32_t)locks.len;
    lf->locks = fl_arena_memdup(A, locks.items, locks.len * sizeof *locks.items);
    lf->nsites = (uint32_t)sites.len;
    lf->sites = fl_arena_memdup(A, sites.items, sites.len * sizeof *sites.items);
    fl_vec_free(&locks);
    fl_vec_free(&sites);

    /* sites grouped by lock, in source order within each, and their bits in that order */
    lf->site_first = FL_NEW_ARRAY(A, uint32_t, lf->nlocks + 1);
    lf->site_list = FL_NEW_ARRAY(A, uint32_t, lf->nsites);
    lf->site_rank = FL_NEW_ARRAY(A, uint32_t, lf->nsites);
    for (uint32_t s = 0; s < lf->nsites; s++)
        lf->site_first[lf->sites[s].lock + 1]++;
    for (uint32_t l = 0; l < lf->nlocks; l++)
        lf->site_first[l + 1] += lf->site_first[l];
    uint32_t *fill = FL_NEW_ARRAY(A, uint32_t, lf->nlocks + 1);
    memcpy(fill, lf->site_first, (lf->nlocks + 1) * sizeof *fill);
    for (uint32_t s = 0; s < lf->nsites; s++) {
        lf->site_rank[s] = fill[lf->sites[s].lock];
        lf->site_list[fill[lf->sites[s].lock]++] = s;
    }
    a->sole = FL_NEW_ARRAY(A, uint32_t, lf->nlocks);
    a->sole_walk = FL_NEW_ARRAY(A, uint64_t, lf->nlocks);
    a->count = FL_NEW(A, struct an_count);
    a->replaying = FL_NEW(A, struct replaying);

    /* 2. events, and status variables of acquires */
    uint32_t nv = fn->nvars;
    uint8_t *renamable = FL_NEW_ARRAY(A, uint8_t, nv + 1);
    bool any_renamable = false;
    for (uint32_t l = 0; l < lf->nlocks; l++) {
        ast_var *r = lf->locks[l].where.root;
        if (ast_var_is_auto(r) && r->index < nv && strchr(lf->locks[l].where.path, '*')) {
            renamable[r->index] = 1;
            any_renamable = true;
        }
    }
    event_vec ev = {0};
    FL_VEC(status_var) sv = {0};
    lf->ev_first = FL_NEW_ARRAY(A, uint32_t, g->nblocks + 1);
    uint32_t next_site = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        lf->ev_first[bi] = (uint32_t)ev.len;
        const cfg_block *b = &g->blocks[bi];
        for (uint32_t i = 0; i < b->nelems; i++) {
            const cfg_elem *el = &b->elems[i];
            ast_node *n = el->node;
            ast_var *changed = NULL;       /* the whole variable changes */
            ast_node *store = NULL;        /* or a part of it that may be a pointer on a lock's path */
            ast_node *value = NULL;
            ast_var *assigned = NULL;
            if (el->kind == CFG_DECL) {
                changed = el->var;
                assigned = el->var;
                value = n && n->nkids ? n->kids[0] : NULL;
            } else if (el->kind == CFG_EXPR && n) {
                if (n->kind == AST_BINARY && n->op >= BIN_ASSIGN && n->op <= BIN_OR_ASSIGN) {
                    ast_node *l = ast_strip_parens(n->kids[0]);
                    if (l->kind == AST_REF) {
                        changed = l->var;
                        if (n->op == BIN_ASSIGN) {
                            assigned = l->var;
                            value = n->kids[1];
                        }
                    } else {
                        store = l;
                    }
                } else if (n->kind == AST_UNARY && n->op >= UN_POST_INC && n->op <= UN_PRE_DEC) {
                    ast_node *l = ast_strip_parens(n->kids[0]);
                    if (l->kind == AST_REF)
                        changed = l->var;
                } else if (n->kind == AST_UNARY && n->op == UN_ADDR_OF) {
                    ast_node *l = ast_strip_parens(n->kids[0]);
                    if (l->kind == AST_REF)
                        changed = l->var;
                }
            }
            if (el->kind == CFG_EXPR && n && n->kind == AST_CALL && n->name &&
                (strcmp(n->name, "fork") == 0 || strcmp(n->name, "vfork") == 0)) {
                /* After fork a lock in shared memory (a global, or reached through a pointer:
                   a process-shared mutex) may be released or taken by the other process. */
                for (uint32_t l = 0; l < lf->nlocks; l++)
                    if (lf->locks[l].entry_unknown) {
                        lock_event e = {i, LEV_RENAME, l};
                        fl_vec_push(&ev, e);
                    }
            }
            if (any_renamable && changed && ast_var_is_auto(changed) && changed->index < nv && renamable[changed->index]) {
                for (uint32_t l = 0; l < lf->nlocks; l++)
                    if (lf->locks[l].where.root == changed) {
                        lock_event e = {i, LEV_RENAME, l};
                        fl_vec_push(&ev, e);
                    }
            } else if (any_renamable && store) {
                ast_var *r = any_root(store);
                if (ast_var_is_auto(r) && r->index < nv && renamable[r->index]) {
                    place p = place_of(A, store);
                    size_t pl = p.root ? strlen(p.path) : 0;
                    for (uint32_t l = 0; p.root && l < lf->nlocks; l++)
                        if (lf->locks[l].where.root == r && strncmp(lf->locks[l].where.path, p.path, pl) == 0 &&
                            lf->locks[l].where.path[pl] == '*') {
                            lock_event e = {i, LEV_RENAME, l};
                            fl_vec_push(&ev, e);
                        }
                }
            }
            if (assigned && value) {
                ast_node *v = ast_strip_casts(value);
                int32_t s = v && v->kind == AST_CALL ? site_of_call(lf, v) : -1;
                if (s >= 0) {
                    status_var e = {assigned, (uint32_t)s, bi, i};
                    fl_vec_push(&sv, e);
                }
            }
            while (next_site < lf->nsites && lf->sites[next_site].block == bi && lf->sites[next_site].elem == i) {
                lock_event e = {i, LEV_OP, next_site++};
                fl_vec_push(&ev, e);
            }
        }
    }
    lf->ev_first[g->nblocks] = (uint32_t)ev.len;
    lf->ev = ev.len ? fl_arena_memdup(A, ev.items, ev.len * sizeof *ev.items) : NULL;
    for (size_t e = 0; e < ev.len; e++)
        if (ev.items[e].kind == LEV_RENAME)
            lf->locks[ev.items[e].arg].renamed = true;
    fl_vec_free(&ev);

    /* 3. branches on acquire status */
    test_vec tests = {0};
    lf->test_first = FL_NEW_ARRAY(A, uint32_t, g->nblocks + 1);
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        lf->test_first[bi] = (uint32_t)tests.len;
        const cfg_block *b = &g->blocks[bi];
        if (b->cond && b->nsuccs == 2)
            status_test(a, bi, b->cond, sv.items, (uint32_t)sv.len, &tests);
    }
    lf->test_first[g->nblocks] = (uint32_t)tests.len;
    lf->tests = tests.len ? fl_arena_memdup(A, tests.items, tests.len * sizeof *tests.items) : NULL;
    /* A try whose status no branch tests directly: maybe held at the call. */
    for (uint32_t s = 0; s < lf->nsites; s++) {
        lock_site *st = &lf->sites[s];
        if ((st->op == LOCK_TRY || st->op == LOCK_TRY_SHARED) && !st->edge_only)
            st->maybe = true;
    }
    fl_vec_free(&tests);
    fl_vec_free(&sv);

    /* the locks by place, for locks_find: each place is one lock (lock_index interned them);
       before the split views copy the result */
    lock_fn_ext *ext = (lock_fn_ext *)lf;
    ext->places = FL_NEW_ARRAY(A, by_place, lf->nlocks + 1);
    for (uint32_t l = 0; l < lf->nlocks; l++)
        ext->places[l] = (by_place){lf->locks[l].where.root, lf->locks[l].where.path, l};
    qsort(ext->places, lf->nlocks, sizeof *ext->places, cmp_place);

    /* 4. solve */
    lf->nbits = 4 * lf->nlocks + lf->nsites;
    lf->nwords = fl_bs_words(lf->nbits);
    df_problem p = {0};
    p.nbits = lf->nbits;
    p.ctx = lf;
    p.boundary = boundary;
    p.transfer = transfer;
    p.edge = edge;
    /* A parameter or local that decides a lock operation and later branches (`if (need) lock;
       ... if (need) unlock;`): solved under each of its values (ir/split.h), each kept as a
       view of the function for the checks that ask what one value does. */
    bool *interesting = FL_NEW_ARRAY(A, bool, g->nblocks + 1);
    for (uint32_t s = 0; s < lf->nsites; s++)
        interesting[lf->sites[s].block] = true;
    cfg_split sp;
    const fl_word *stable = u->stable && fn->index < u->tu->nfuncs ? u->stable[fn->index] : NULL;
    if (lf->nsites && cfg_split_find(A, g, interesting, stable, stable ? u->nstable : 0, false, &sp)) {
        df_result *runs[2];
        lf->df = df_run_split(A, g, &p, &sp, runs);
        lf->split_var = sp.var;
        lf->split_test = sp.test_block;
        for (int k = 0; k < 2; k++) {
            lock_fn_ext *v = FL_NEW(A, lock_fn_ext);
            *v = *(lock_fn_ext *)lf;
            v->pub.df = runs[k];
            v->pub.split_view[0] = v->pub.split_view[1] = NULL;
            lf->split_view[k] = &v->pub;
        }
    } else {
        lf->df = df_run(A, g, &p);
    }

    /* releases of a lock the caller may hold (for release-helper summaries), under each value
       of the split variable too: `if (!held) lock(&m); ...; unlock(&m);` releases the caller's
       lock only when `held` */
    callee_taken taken = {{NULL}, -1};
    lf->releases_entry = releases_entry_of(A, u, lf, &taken);
    for (int k = 0; k < 2 && lf->split_var; k++)
        ((lock_fn *)lf->split_view[k])->releases_entry = releases_entry_of(A, u, lf->split_view[k], &taken);
    return lf;
}

void locks_state_in(const lock_fn *lf, uint32_t block, fl_word *st)
{
    fl_bs_copy(st, df_in(lf->df, block), lf->nwords);
    an_of(lf)->count->work += 1 + lf->nwords;
}

void locks_cursor_start(locks_cursor *c, const lock_fn *lf, uint32_t block, fl_word *st)
{
    c->lf = lf;
    c->st = st;
    c->block = block;
    c->next = lf->ev_first[block];
    c->walk = ++an_of(lf)->count->walks;
    locks_state_in(lf, block, st);
}

void locks_cursor_to(locks_cursor *c, uint32_t elem)
{
    const lock_fn *lf = c->lf;
    for (; c->next < lf->ev_first[c->block + 1] && lf->ev[c->next].elem < elem; c->next++)
        apply(lf, &lf->ev[c->next], c->st, c->walk);
}

uint32_t locks_cursor_last_sites(const locks_cursor *c, uint32_t l, uint32_t *out, uint32_t max)
{
    const an *a = an_of(c->lf);
    if (a->sole_walk[l] != c->walk)
        return locks_last_sites(c->lf, c->st, l, out, max);
    a->count->work++;
    if (max)
        out[0] = a->sole[l];
    return 1;
}

void locks_state_at(const lock_fn *lf, uint32_t block, uint32_t elem, fl_word *st)
{
    locks_cursor c;
    locks_cursor_start(&c, lf, block, st);
    locks_cursor_to(&c, elem);
}

void locks_state_out(const lock_fn *lf, uint32_t block, fl_word *st)
{
    locks_state_at(lf, block, UINT32_MAX, st);
}

void locks_replay_all(const lock_fn *lf,
                      void (*visit)(void *ctx, const lock_fn *lf, const lock_event *ev, const fl_word *st),
                      void *ctx)
{
    for (uint32_t r = 0; r < lf->g->nrpo; r++)
        locks_replay(lf, lf->g->rpo[r], visit, ctx);
}

void locks_replay(const lock_fn *lf, uint32_t block,
                  void (*visit)(void *ctx, const lock_fn *lf, const lock_event *ev, const fl_word *st), void *ctx)
{
    if (lf->ev_first[block] == lf->ev_first[block + 1] || !lf->df->reached[block])
        return;
    fl_word buf[8];
    fl_word *st = lf->nwords <= 8 ? buf : fl_arena_alloc(an_of(lf)->A, lf->nwords * sizeof *st);
    locks_cursor c;
    locks_cursor_start(&c, lf, block, st);
    struct replaying *r = an_of(lf)->replaying, outer = *r;
    *r = (struct replaying){st, c.walk};
    for (; c.next < lf->ev_first[block + 1]; c.next++) {
        visit(ctx, lf, &lf->ev[c.next], st);
        apply(lf, &lf->ev[c.next], st, c.walk);
    }
    *r = outer;
}

uint32_t locks_last_sites(const lock_fn *lf, const fl_word *st, uint32_t l, uint32_t *out, uint32_t max)
{
    const an *a = an_of(lf);
    if (st == a->replaying->st && a->sole_walk[l] == a->replaying->walk) {
        a->count->work++;
        if (max)
            out[0] = a->sole[l];
        return 1;
    }
    uint32_t base = 4 * lf->nlocks, lo = base + lf->site_first[l], hi = base + lf->site_first[l + 1];
    uint32_t n = 0;
    for (uint32_t b = fl_bs_next(st, lo, hi); b < hi; b = fl_bs_next(st, b + 1, hi)) {
        if (n < max)
            out[n] = lf->site_list[b - base];
        n++;
    }
    a->count->work += 1 + (hi - lo) / 64 + n;
    return n;
}

uint64_t locks_work(const lock_unit *u)
{
    uint64_t w = 0;
    for (uint32_t i = 0; u && i < u->tu->nfuncs; i++)
        if (u->fns[i])
            w += an_of(u->fns[i])->count->work;
    return w;
}


const char *locks_split_value(const lock_fn *lf, int k)
{
    const ast_var *v = lf->split_var;
    const char *tn = v && v->type_name ? v->type_name : "";
    if (v && (v->ty & TY_POINTER))
        return k == 0 ? "not NULL" : "NULL";
    if (!strcmp(tn, "bool") || !strcmp(tn, "_Bool") || !strcmp(tn, "const bool") || !strcmp(tn, "const _Bool"))
        return k == 0 ? "true" : "false";
    return k == 0 ? "non-zero" : "zero";
}
