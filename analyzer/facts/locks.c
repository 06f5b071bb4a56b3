/* locks.c - the lock API, per-function locksets, lock helper summaries. See locks.h.
 *
 * Precision notes (every choice leans towards "not known", which the checks treat as silence):
 *  - A lock reached through a pointer or living in a global may be held by the caller on
 *    entry: its entry state is "unknown" (bit E) until the function locks or unlocks it.
 *  - When the variable a lock's place is rooted in changes (`c = c->next`, `c++`, `&c` taken, a
 *    new declaration), the name may now denote another lock: the lock stops being must-held
 *    (bit U set) but stays may-held, so nothing is reported on either side of the change.
 *  - A try (trylock/timedlock) whose status a branch tests acquires on the success edge only;
 *    on the failure edge the lock keeps the state it had before the call (a failed trylock of a
 *    lock the thread holds, EBUSY, leaves it held; when that earlier state is only known to be
 *    "held on some path", it becomes "maybe held"). A try whose status goes nowhere we follow
 *    is "maybe held".
 *  - A blocking lock whose status a branch tests (`if (pthread_mutex_lock(&m) != 0) return`)
 *    likewise changes nothing on the failure branch.
 *  - fork()/vfork() make every lock that may live in shared memory (globals, locks reached
 *    through pointers) "maybe held" (a rename event): a process-shared mutex locked before the
 *    fork may be unlocked by the other process.
 *  - A status variable is tied to a lock call only where that call's assignment is the last
 *    write of the variable reaching the branch (reaching_status): `err` reused for other calls
 *    before the lock is not the lock's status.
 */
#include "locks_impl.h"

#include <ctype.h>
#include <string.h>

#include "../base/vec.h"
#include "../ir/cond.h"
#include "annots.h"
#include "threads.h"

/* ---- the API ---------------------------------------------------------------------------- */

typedef struct lock_api {
    const char *name;
    lock_op op;
} lock_api;

static const lock_api apis[] = {
    {"pthread_mutex_lock", LOCK_ACQUIRE},
    {"pthread_mutex_trylock", LOCK_TRY},
    {"pthread_mutex_timedlock", LOCK_TRY},
    {"pthread_mutex_clocklock", LOCK_TRY},
    {"pthread_mutex_unlock", LOCK_RELEASE},
    {"pthread_rwlock_rdlock", LOCK_ACQUIRE_SHARED},
    {"pthread_rwlock_tryrdlock", LOCK_TRY_SHARED},
    {"pthread_rwlock_timedrdlock", LOCK_TRY_SHARED},
    {"pthread_rwlock_clockrdlock", LOCK_TRY_SHARED},
    {"pthread_rwlock_wrlock", LOCK_ACQUIRE},
    {"pthread_rwlock_trywrlock", LOCK_TRY},
    {"pthread_rwlock_timedwrlock", LOCK_TRY},
    {"pthread_rwlock_clockwrlock", LOCK_TRY},
    {"pthread_rwlock_unlock", LOCK_RELEASE},
    {"pthread_spin_lock", LOCK_ACQUIRE},
    {"pthread_spin_trylock", LOCK_TRY},
    {"pthread_spin_unlock", LOCK_RELEASE},
    {"mtx_lock", LOCK_ACQUIRE},
    {"mtx_trylock", LOCK_TRY},
    {"mtx_timedlock", LOCK_TRY},
    {"mtx_unlock", LOCK_RELEASE},
};

static const place no_place = {NULL, NULL};

place lock_place_of_arg(fl_arena *arena, ast_node *arg)
{
    place p = place_of_pointee(arena, arg);
    if (p.root)
        return p;
    ast_node *a = ast_strip_casts(arg);
    if (!a || !(a->ty & TY_POINTER))
        return no_place;
    /* a pointer value: the lock is what it points to */
    return place_append(arena, place_of(arena, a), "*");
}

lock_call lock_classify(fl_arena *arena, const ast_node *call)
{
    lock_call r = {0};
    if (!call || (call->kind != AST_CALL && call->kind != AST_OTHER) || !call->name || call->nkids < 2)
        return r;
    const char *n = call->name;
    if (n[0] == '_' || (n[0] == 'r' && strcmp(n, "read") == 0) || (n[0] == 'w' && strcmp(n, "write") == 0))
        return locks_handmade_classify(arena, call);
    /* cheap filter first: this runs on every call of every function */
    if (!(n[0] == 'p' && strncmp(n, "pthread_", 8) == 0) && !(n[0] == 'm' && strncmp(n, "mtx_", 4) == 0))
        return r;
    for (size_t i = 0; i < sizeof apis / sizeof apis[0]; i++)
        if (strcmp(n, apis[i].name) == 0) {
            r.op = apis[i].op;
            r.api = apis[i].name;
            r.lock = call->kids[1];
            r.where = lock_place_of_arg(arena, r.lock);
            return r;
        }
    return r;
}

/* ---- the unit ---------------------------------------------------------------------------- */


const ast_tu *locks_unit_tu(const lock_unit *u) { return u->tu; }

/* A try annotation's success value: `try_acquire_capability(true, mu)` acquires when the call
   returns non-zero, `(0, mu)` when it returns zero. */
bool locks_success_nonzero(const char *v)
{
    return strcmp(v, "0") != 0 && strcmp(v, "false") != 0 && strcmp(v, "NULL") != 0;
}

static lock_summary *annotated_summary(lock_unit *u, const ast_callee *c)
{
    FL_VEC(lock_effect) ef = {0};
    an_list an = an_parse(u->A, c->annots);
    for (uint32_t i = 0; i < an.n; i++) {
        const an_item *it = &an.items[i];
        lock_op op;
        uint32_t first = 0;
        switch (it->kind) {
        case AN_ACQUIRE: op = LOCK_ACQUIRE; break;
        case AN_ACQUIRE_SHARED: op = LOCK_ACQUIRE_SHARED; break;
        case AN_RELEASE: op = LOCK_RELEASE; break;
        case AN_TRY_ACQUIRE: op = LOCK_TRY, first = 1; break;
        case AN_TRY_ACQUIRE_SHARED: op = LOCK_TRY_SHARED, first = 1; break;
        default: continue;
        }
        for (uint32_t k = first; k < it->nargs; k++) {
            lock_effect le = {0};
            le.op = op;
            le.success_nonzero = first && it->nargs && locks_success_nonzero(it->args[0]);
            /* The definition's parameter names when it is in the unit, else (or when the
               annotation uses the prototype's names, as OVS's headers do) the prototype's. */
            if (locks_parse_annot_arg(u->A, u->tu, it->args[k], ast_callee_param_vars(u->A, c, true), c->nparams,
                                      c->param_types, &le) ||
                (c->def && locks_parse_annot_arg(u->A, u->tu, it->args[k], ast_callee_param_vars(u->A, c, false),
                                                 c->nparams, c->param_types, &le)))
                fl_vec_push(&ef, le);
        }
    }
    lock_summary *s = NULL;
    if (ef.len) {
        s = FL_NEW(u->A, lock_summary);
        s->effects = fl_arena_memdup(u->A, ef.items, ef.len * sizeof *ef.items);
        s->n = (uint32_t)ef.len;
        s->from_annotations = true;
    }
    fl_vec_free(&ef);
    return s;
}

const lock_summary *locks_summary_of(const lock_unit *u, const ast_callee *c)
{
    if (!c)
        return NULL;
    if (c->index < u->tu->ncallees && u->tu->callees[c->index] == c && u->ann[c->index])
        return u->ann[c->index];
    if (c->def && c->def->index < u->tu->nfuncs && u->state && u->state[c->def->index] == 2)
        return u->sums[c->def->index];
    if (!c->def && u->imported && c->index < u->tu->ncallees && u->tu->callees[c->index] == c)
        return u->imported[c->index];
    return NULL;
}

/* ---- summaries, bottom-up ---------------------------------------------------------------- */

/* What a return of lock l says about it, seen by the caller. */
typedef enum ret_kind {
    RET_OTHER, RET_ZERO_HELD, RET_ZERO_FREE, RET_NONZERO_HELD, RET_NONZERO_FREE,
    RET_STATUS,    /* a try's own status, 0 on success */
    RET_STATUS_NZ, /* ... non-zero on success (a compare-and-swap) */
} ret_kind;

/* An address, never NULL (`return &t->sessions[i];`, an array by name). */
static bool surely_address(const ast_node *v)
{
    const ast_node *c = ast_strip_casts((ast_node *)v);
    return c && ((c->kind == AST_UNARY && c->op == UN_ADDR_OF) || (c->kind == AST_REF && (c->ty & TY_ARRAY)));
}

static ret_kind classify_return(const lock_fn *lf, uint32_t l, const cfg_block *b, const fl_word *st)
{
    const ast_node *v = b->term && b->term->kind == AST_RETURN && b->term->nkids ? b->term->kids[0] : NULL;
    if (!v)
        return RET_OTHER;
    const ast_node *c = ast_strip_casts((ast_node *)v);
    /* `return pthread_mutex_trylock(m);`: the try's own status; `return -pthread_mutex_lock(m);`
       too, negated or not (an API acquire returns 0 when it holds the lock) */
    if (c && c->kind == AST_UNARY && c->op == UN_MINUS && c->nkids == 1)
        c = ast_strip_casts(c->kids[0]);
    /* `return pthread_mutex_lock(m) == 0 ? 0 : -1;`: a status made of constants, by the test */
    bool flip = false;
    if (c && c->kind == AST_COND && c->nkids == 3) {
        bool zero_true;
        const ast_node *tested = cond_tested_value(c->kids[0], &zero_true);
        const ast_node *ok = c->kids[zero_true ? 1 : 2], *bad = c->kids[zero_true ? 2 : 1];
        if (!tested || !((cond_is_zero(ok) && cond_is_nonzero_constant(bad)) ||
                         (cond_is_nonzero_constant(ok) && cond_is_zero(bad))))
            return RET_OTHER;
        flip = !cond_is_zero(ok);
        c = ast_strip_casts((ast_node *)tested);
    }
    if (c && (c->kind == AST_CALL || c->kind == AST_OTHER))
        for (uint32_t s = 0; s < lf->nsites; s++)
            if (lf->sites[s].call == c && lf->sites[s].lock == l && !lf->sites[s].via_helper &&
                lock_op_acquires(lf->sites[s].op))
                return lf->sites[s].success_nonzero != flip ? RET_STATUS_NZ : RET_STATUS;
    bool held = locks_must_held(st, l);
    bool free_ = !fl_bs_test(st, locks_bit_h(l)); /* not held by this function's doing on any path */
    if (held == free_)
        return RET_OTHER;
    if (cond_is_zero(v))
        return held ? RET_ZERO_HELD : RET_ZERO_FREE;
    if (cond_is_nonzero_constant(v) || surely_address(v))
        return held ? RET_NONZERO_HELD : RET_NONZERO_FREE;
    return RET_OTHER;
}

/* A function that acquires l on some paths and tells its caller which by its result (a try
   wrapper, `uv_mutex_trylock`, or a lock function returning a status): true with the polarity
   when every return says it the same way, both ways occurring. */
static bool try_helper(const lock_fn *lf, uint32_t l, fl_word *st, bool *success_nonzero)
{
    const cfg *g = lf->g;
    const cfg_block *exit = &g->blocks[g->exit];
    unsigned seen[RET_STATUS_NZ + 1] = {0};
    for (uint32_t k = 0; k < exit->npreds; k++) {
        const cfg_block *p = &g->blocks[exit->preds[k]];
        if (!lf->df->reached[p->id])
            continue;
        locks_state_out(lf, p->id, st);
        ret_kind r = classify_return(lf, l, p, st);
        if (r == RET_OTHER)
            return false;
        seen[r]++;
    }
    bool zero_success = (seen[RET_ZERO_HELD] || seen[RET_STATUS]) && !seen[RET_ZERO_FREE] &&
                        !seen[RET_NONZERO_HELD] && !seen[RET_STATUS_NZ];
    bool nonzero_success = (seen[RET_NONZERO_HELD] || seen[RET_STATUS_NZ]) && !seen[RET_NONZERO_FREE] &&
                           !seen[RET_ZERO_HELD] && !seen[RET_STATUS];
    if (zero_success && (seen[RET_NONZERO_FREE] || seen[RET_STATUS])) {
        *success_nonzero = false;
        return true;
    }
    if (nonzero_success && (seen[RET_ZERO_FREE] || seen[RET_STATUS_NZ])) {
        *success_nonzero = true;
        return true;
    }
    return false;
}

/* What lf does to lock l as its caller sees it, from the state at its exit (st): LOCK_NONE for
   nothing. */
static lock_op effect_op(const lock_fn *lf, uint32_t l, const fl_word *st, fl_word *scratch, bool *success_nonzero)
{
    /* a release of the caller's lock on a path that skips the function's own wait for it (`if
       (bad) goto fail; lock(&m); ... fail: unlock(&m);`) is no release helper's: no caller
       holds it, and unlock-unheld reports that path; nor one after the function's own trylock
       (`rc = trylock(&m); ...; unlock(&m);`: unlock-unheld reports it) */
    bool releases_entry = lf->releases_entry[l] && !(locks_releases_entry_only_joined(lf, l, scratch) &&
                                                     locks_tries_from_entry(lf, l, scratch));
    uint32_t last[8];
    uint32_t nl = locks_last_sites(lf, st, l, last, 8);
    bool shared = nl > 0;
    for (uint32_t i = 0; i < nl && i < 8; i++)
        shared &= lock_op_shared(lf->sites[last[i]].op);
    if (locks_must_held(st, l) && releases_entry)
        /* gives up its caller's lock and takes it back (to wait, to let others in): held after
           the call as before, not taken by it */
        return LOCK_NONE;
    if (locks_must_held(st, l))
        return shared ? LOCK_ACQUIRE_SHARED : LOCK_ACQUIRE;
    if (locks_must_unheld(st, l) && releases_entry)
        return LOCK_RELEASE;
    if (fl_bs_test(st, locks_bit_h(l)) && try_helper(lf, l, scratch, success_nonzero))
        return shared ? LOCK_TRY_SHARED : LOCK_TRY;
    if (fl_bs_test(st, locks_bit_h(l)) || releases_entry)
        /* held on some paths only, or a lock the caller held released on some: callers can no
           longer say whether they hold it */
        return LOCK_MAYBE;
    return LOCK_NONE;
}

/* A parameter that decides the lock operations (lf->split_var): the effect under each of its
   values, kept in e when they differ, so that `put(true)` releases the caller's lock and
   `put(false)` takes and gives back its own. */
static void by_value(const lock_fn *lf, uint32_t l, fl_word *scratch, lock_effect *e)
{
    const ast_var *v = lf->split_var;
    if (!v || v->storage != STORAGE_PARAM || e->op == LOCK_TRY || e->op == LOCK_TRY_SHARED)
        return;
    int32_t p = ast_func_param_index(lf->fn, v);
    if (p < 0)
        return;
    lock_op op[2];
    for (int k = 0; k < 2; k++) {
        const lock_fn *w = lf->split_view[k];
        bool nz = false;
        op[k] = w->df->reached[lf->g->exit] ? effect_op(w, l, df_in(w->df, lf->g->exit), scratch, &nz) : LOCK_NONE;
        if (op[k] == LOCK_TRY || op[k] == LOCK_TRY_SHARED)
            return;
    }
    if (op[0] == op[1])
        return;
    e->by_value = true;
    e->value_param = p;
    e->op_by_value[0] = op[0];
    e->op_by_value[1] = op[1];
}

/* The value a write stores when it is a variable of fn's: `a = b` gives b. */
static const ast_var *stored_var(const ast_func *fn, const ast_node *val)
{
    val = val ? ast_strip_casts((ast_node *)val) : NULL;
    const ast_var *v = val && val->kind == AST_REF ? val->var : NULL;
    return v && v->index < fn->nvars && fn->vars[v->index] == v ? v : NULL;
}

/* Two parameters the function swaps and writes no other way (`if (a->id > b->id) { t = a; a =
   b; b = t; }`, ordered locking): afterwards, on every path, the two hold the caller's two
   values in one order or the other, so the locks it holds through both at its exit are the
   caller's two, whichever came first. The three writes in one block, in that order. */
static bool swapped_params(fl_arena *A, const ast_func *fn, const cfg *g, const ast_var **pa, const ast_var **pb)
{
    const ast_var *w[2] = {NULL, NULL};
    const ast_node *val[2] = {NULL, NULL};
    uint32_t at[2][2] = {{0, 0}, {0, 0}};
    int n = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            ast_node *v;
            const ast_var *x = cond_local_write(fn, &g->blocks[bi].elems[i], &v);
            if (!x || x->storage != STORAGE_PARAM)
                continue;
            if (n == 2 || !v)
                return false;
            w[n] = x, val[n] = v, at[n][0] = bi, at[n][1] = i;
            n++;
        }
    /* `a = b` then `b = t`, t a local set once to a's value before them */
    if (n != 2 || w[0] == w[1] || at[0][0] != at[1][0] || at[0][1] >= at[1][1] || stored_var(fn, val[0]) != w[1] ||
        (w[0]->flags & AST_VAR_ADDRESS_TAKEN) || (w[1]->flags & AST_VAR_ADDRESS_TAKEN))
        return false;
    const ast_var *t = stored_var(fn, val[1]);
    ast_node **defs = t && t->storage == STORAGE_LOCAL ? cond_single_defs(A, fn, g) : NULL;
    if (!defs || stored_var(fn, defs[t->index]) != w[0])
        return false;
    const cfg_block *b = &g->blocks[at[0][0]];
    for (uint32_t i = 0; i < at[0][1]; i++) {
        ast_node *v;
        if (cond_local_write(fn, &b->elems[i], &v) == t) {
            *pa = w[0], *pb = w[1];
            return true;
        }
    }
    return false;
}

/* A lock renamed only by the swap of its parameter with another (swapped_params), held at the
   exit as is the same lock through the other parameter: the caller's two, kept. */
static bool swap_kept(const lock_fn *lf, const fl_word *st, const ast_var *const sw[2], uint32_t l)
{
    const lock_info *li = &lf->locks[l];
    if (!sw[0] || (li->where.root != sw[0] && li->where.root != sw[1]) || !locks_must_held(st, l))
        return false;
    place other = {(ast_var *)(li->where.root == sw[0] ? sw[1] : sw[0]), li->where.path};
    uint32_t k = locks_find(lf, other);
    return k < lf->nlocks && locks_must_held(st, k);
}

static lock_summary *summarize(lock_unit *u, const lock_fn *lf)
{
    const cfg *g = lf->g;
    if (!lf->df->reached[g->exit])
        return NULL;
    const fl_word *st = df_in(lf->df, g->exit);
    fl_word *scratch = FL_NEW_ARRAY(u->A, fl_word, lf->nwords + 1);
    FL_VEC(lock_effect) ef = {0};
    const ast_var *sw[2] = {NULL, NULL};
    bool sw_done = false;
    for (uint32_t l = 0; l < lf->nlocks; l++) {
        const lock_info *li = &lf->locks[l];
        ast_var *r = li->where.root;
        if (li->renamed && r->storage == STORAGE_PARAM && !sw_done) {
            sw_done = true;
            swapped_params(u->A, lf->fn, g, &sw[0], &sw[1]);
        }
        if (li->required || (li->renamed && !swap_kept(lf, st, sw, l)) || r->storage == STORAGE_LOCAL)
            continue;
        lock_effect le = {0};
        if (r->storage == STORAGE_PARAM) {
            if (li->where.path[0] != '*' || (r->flags & AST_VAR_ADDRESS_TAKEN))
                continue;
            int32_t k = ast_func_param_index(lf->fn, r);
            if (k < 0)
                continue;
            le.param = k;
            le.path = li->where.path;
        } else {
            le.param = -1;
            le.global = r;
            le.path = li->where.path;
        }
        uint32_t last[8];
        uint32_t nl = locks_last_sites(lf, st, l, last, 8);
        le.op = effect_op(lf, l, st, scratch, &le.success_nonzero);
        if (le.op == LOCK_NONE)
            continue;
        by_value(lf, l, scratch, &le);
        le.tried = nl > 0 && lock_op_blocks(le.op);
        /* a try helper whose every last operation where it holds the lock waits for it */
        le.waits = nl > 0 && (le.op == LOCK_TRY || le.op == LOCK_TRY_SHARED);
        for (uint32_t i = 0; i < nl && i < 8; i++) {
            const lock_site *ls = &lf->sites[last[i]];
            le.tried &= ls->op == LOCK_TRY || ls->op == LOCK_TRY_SHARED || ls->tried;
            le.waits &= ls->op == LOCK_RELEASE || lock_site_blocks(ls);
        }
        le.site = nl ? lf->sites[last[0]].call : NULL;
        le.soft = li->soft;
        fl_vec_push(&ef, le);
    }
    /* locks it returns holding through a local pointer: by class only */
    const char *unnamed[4];
    uint32_t nun = 0;
    for (uint32_t l = 0; l < lf->nlocks && nun < 4; l++) {
        const lock_info *li = &lf->locks[l];
        if (li->cls && li->where.root->storage == STORAGE_LOCAL && li->where.path[0] == '*' &&
            fl_bs_test(st, locks_bit_h(l)))
            unnamed[nun++] = li->cls;
    }
    lock_summary *s = NULL;
    if (ef.len || nun) {
        s = FL_NEW(u->A, lock_summary);
        s->effects = ef.len ? fl_arena_memdup(u->A, ef.items, ef.len * sizeof *ef.items) : NULL;
        s->n = (uint32_t)ef.len;
        s->unnamed = nun ? fl_arena_memdup(u->A, unnamed, nun * sizeof *unnamed) : NULL;
        s->nunnamed = nun;
    }
    fl_vec_free(&ef);
    return s;
}

static void visit_fn(lock_unit *u, uint32_t i, int depth)
{
    if (u->state[i])
        return;
    u->state[i] = 1;
    const cfg *g = u->cfgs[i];
    /* callees first (deep chains are cut: their calls just have no effect), and the functions
       it takes the address of (a local function pointer it calls through: locks_analyze) */
    if (depth < 200)
        for (uint32_t bi = 0; bi < g->nblocks; bi++) {
            const cfg_block *b = &g->blocks[bi];
            for (uint32_t k = 0; k < b->nelems; k++) {
                const ast_node *n = b->elems[k].node;
                if (b->elems[k].kind != CFG_EXPR || (n->kind != AST_CALL && n->kind != AST_REF) || !n->callee ||
                    !n->callee->def)
                    continue;
                uint32_t d = n->callee->def->index;
                if (d < u->tu->nfuncs && u->cfgs[d] && !u->state[d] && u->tu->funcs[d] == n->callee->def)
                    visit_fn(u, d, depth + 1);
            }
        }
    u->fns[i] = locks_analyze(u, u->tu->funcs[i], g);
    u->sums[i] = u->sem && u->sem[i] ? u->sem[i] : u->fns[i] ? summarize(u, u->fns[i]) : NULL;
    u->state[i] = 2;
}

static bool mentions_nonplain_kind(const cfg *g);
enum { INIT_NONE, INIT_PLAIN, INIT_NONPLAIN, INIT_OTHER }; /* global_init_kind */
static int global_init_kind(fl_srcmap *sm, const ast_var *g);
static void find_plain_mutexes(lock_unit *u, fl_srcmap *sm);
static bool is_mutex_type(const ast_type *t);

/* The functions the unit starts threads with and never calls itself (locks_unit_thread_start). */
static bool *thread_starts(lock_unit *u)
{
    const ast_tu *tu = u->tu;
    bool *start = FL_NEW_ARRAY(u->A, bool, tu->nfuncs + 1);
    bool *called = FL_NEW_ARRAY(u->A, bool, tu->nfuncs + 1);
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        const cfg *g = u->cfgs[i];
        for (uint32_t bi = 0; g && bi < g->nblocks; bi++)
            for (uint32_t k = 0; k < g->blocks[bi].nelems; k++) {
                const ast_node *n = g->blocks[bi].elems[k].node;
                if (!n || n->kind != AST_CALL)
                    continue;
                thr_call tc = thr_classify(NULL, n);
                const ast_node *f = tc.kind == THR_SPAWN && tc.func ? ast_strip_casts(tc.func) : NULL;
                if (f && f->kind == AST_UNARY && f->op == UN_ADDR_OF && f->nkids == 1)
                    f = ast_strip_casts(f->kids[0]);
                if (f && f->kind == AST_REF && f->callee && f->callee->index < tu->ncallees &&
                    u->fn_of_callee[f->callee->index])
                    start[u->fn_of_callee[f->callee->index] - 1] = true;
                if (n->callee && n->callee->index < tu->ncallees && u->fn_of_callee[n->callee->index])
                    called[u->fn_of_callee[n->callee->index] - 1] = true;
            }
    }
    for (uint32_t i = 0; i < tu->nfuncs; i++)
        start[i] &= !called[i];
    u->called = called;
    /* the direct calls of each function of the unit, grouped by callee (locks_calls_of) */
    uint32_t *first = FL_NEW_ARRAY(u->A, uint32_t, tu->nfuncs + 2);
    for (int pass = 0; pass < 2; pass++) {
        uint32_t *fill = pass ? FL_NEW_ARRAY(u->A, uint32_t, tu->nfuncs + 1) : NULL;
        if (pass) {
            for (uint32_t i = 0; i < tu->nfuncs; i++)
                first[i + 1] += first[i];
            u->calls_to = FL_NEW_ARRAY(u->A, lock_call_ref, first[tu->nfuncs] + 1);
        }
        for (uint32_t i = 0; i < tu->nfuncs; i++) {
            const cfg *g = u->cfgs[i];
            for (uint32_t bi = 0; g && bi < g->nblocks; bi++)
                for (uint32_t k = 0; k < g->blocks[bi].nelems; k++) {
                    const ast_node *n = g->blocks[bi].elems[k].node;
                    if (!n || n->kind != AST_CALL || !n->callee || n->callee->index >= tu->ncallees ||
                        !u->fn_of_callee[n->callee->index])
                        continue;
                    uint32_t t = u->fn_of_callee[n->callee->index] - 1;
                    if (!pass)
                        first[t + 1]++;
                    else
                        u->calls_to[first[t] + fill[t]++] = (lock_call_ref){i, bi, n};
                }
        }
    }
    u->calls_first = first;
    return start;
}

bool locks_param_fixed(const lock_fn *lf, const ast_var *v)
{
    if (!v || v->storage != STORAGE_PARAM || (v->flags & AST_VAR_ADDRESS_TAKEN))
        return false;
    const cfg *g = lf->g;
    for (uint32_t b = 0; b < g->nblocks; b++)
        for (uint32_t i = 0; i < g->blocks[b].nelems; i++) {
            ast_node *val;
            if (cond_local_write(lf->fn, &g->blocks[b].elems[i], &val) == v)
                return false;
        }
    return true;
}

const lock_call_ref *locks_calls_of(const lock_unit *u, uint32_t i, uint32_t *n)
{
    *n = u && u->calls_first && i < u->tu->nfuncs ? u->calls_first[i + 1] - u->calls_first[i] : 0;
    return *n ? &u->calls_to[u->calls_first[i]] : NULL;
}

const char *locks_handed_over_by(const lock_unit *u, const lock_fn *lf, const lock_info *li)
{
    if (!li->where.root || li->where.root->storage == STORAGE_LOCAL || li->where.root->storage == STORAGE_PARAM)
        return NULL;
    const ast_tu *tu = u->tu;
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        const lock_fn *o = u->fns[i];
        if (!o || o == lf || u->called[i])
            continue;
        for (uint32_t l = 0; l < o->nlocks; l++)
            if (o->releases_entry[l] && place_equal(o->locks[l].where, li->where))
                return tu->funcs[i]->name;
    }
    return NULL;
}

bool locks_left_held_elsewhere(const lock_unit *u, const lock_fn *lf, const lock_info *li)
{
    for (uint32_t i = 0; i < u->tu->nfuncs; i++) {
        const lock_summary *s = u->sums[i];
        if (!s || u->fns[i] == lf)
            continue;
        for (uint32_t k = 0; k < s->n; k++) {
            const lock_effect *e = &s->effects[k];
            if (e->op != LOCK_RELEASE && e->param < 0 && e->global == li->where.root &&
                strcmp(e->path ? e->path : "", li->where.path) == 0)
                return true;
        }
    }
    return false;
}

bool locks_unit_thread_start(const lock_unit *u, uint32_t i)
{
    return u && u->thread_start && i < u->tu->nfuncs && u->thread_start[i];
}

lock_unit *locks_unit_build(fl_arena *arena, const ast_tu *tu, cfg *const *cfgs, fl_srcmap *sm,
                            const lock_imports *imported)
{
    lock_unit *u = FL_NEW(arena, lock_unit);
    u->A = arena;
    u->imported = imported ? imported->sums : NULL;
    u->stable = imported ? imported->stable : NULL;
    u->nstable = imported ? imported->nstable : 0;
    u->tu = tu;
    u->cfgs = cfgs;
    u->fns = FL_NEW_ARRAY(arena, lock_fn *, tu->nfuncs + 1);
    u->sums = FL_NEW_ARRAY(arena, lock_summary *, tu->nfuncs + 1);
    u->state = FL_NEW_ARRAY(arena, uint8_t, tu->nfuncs + 1);
    u->ann = FL_NEW_ARRAY(arena, lock_summary *, tu->ncallees + 1);
    for (uint32_t i = 0; i < tu->ncallees; i++)
        if (tu->callees[i]->annots.n)
            u->ann[i] = annotated_summary(u, tu->callees[i]);
    u->sem = locks_semaphores(u);
    for (uint32_t i = 0; i < tu->nfuncs; i++)
        if (cfgs[i])
            visit_fn(u, i, 0);
    u->fn_of_callee = FL_NEW_ARRAY(arena, uint32_t, tu->ncallees + 1);
    for (uint32_t i = 0; i < tu->nfuncs; i++)
        if (cfgs[i] && tu->funcs[i]->self && tu->funcs[i]->self->index < tu->ncallees)
            u->fn_of_callee[tu->funcs[i]->self->index] = i + 1;
    locks_compute_takes(u);
    u->thread_start = thread_starts(u);
    u->nonplain_fn = FL_NEW_ARRAY(arena, bool, tu->nfuncs + 1);
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        u->nonplain_fn[i] = cfgs[i] && mentions_nonplain_kind(cfgs[i]);
        u->recursive |= u->nonplain_fn[i];
    }
    u->recursive |= imported && imported->nonplain;
    u->nonplain = u->recursive;
    for (uint32_t i = 0; sm && i < tu->nglobals && !u->nonplain; i++) {
        const ast_var *g = tu->globals[i];
        u->nonplain = g && is_mutex_type(g->type) && global_init_kind(sm, g) == INIT_NONPLAIN;
    }
    if (sm && u->nonplain)
        find_plain_mutexes(u, sm);
    return u;
}

const lock_fn *locks_unit_fn(const lock_unit *u, uint32_t i)
{
    return u && i < u->tu->nfuncs ? u->fns[i] : NULL;
}


/* A mutex kind under which relocking or unlocking an unheld mutex is not a deadlock or UB:
   recursive (relock counts), error-checking (EDEADLK / EPERM), robust (EOWNERDEAD, and glibc
   checks the owner on unlock). Adaptive mutexes are plain ones that spin first: not matched. */
static bool nonplain_kind_name(const char *n)
{
    if (strcmp(n, "mtx_recursive") == 0)
        return true;
    if (strncmp(n, "PTHREAD_", 8) != 0)
        return false;
    n += 8;
    return strncmp(n, "MUTEX_RECURSIVE", 15) == 0 || strncmp(n, "MUTEX_ERRORCHECK", 16) == 0 ||
           strncmp(n, "MUTEX_ROBUST", 12) == 0 || strncmp(n, "RECURSIVE_MUTEX_INITIALIZER", 27) == 0 ||
           strncmp(n, "ERRORCHECK_MUTEX_INITIALIZER", 28) == 0;
}

/* A function names a non-plain mutex kind (an enumerator or macro expanding to one, evaluated
   somewhere in its body: pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE)). */
static bool mentions_nonplain_kind(const cfg *g)
{
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const ast_node *n = g->blocks[bi].elems[i].node;
            if (g->blocks[bi].elems[i].kind == CFG_EXPR && n && n->kind == AST_REF && !n->var && n->name &&
                nonplain_kind_name(n->name))
                return true;
        }
    return false;
}

bool locks_fn_nonplain(const lock_unit *u, uint32_t i)
{
    return u && i < u->tu->nfuncs && u->nonplain_fn[i];
}

bool locks_unit_has_recursive(const lock_unit *u)
{
    return u->recursive;
}

static bool is_mutex_type(const ast_type *t)
{
    for (int guard = 0; t && guard < 64; guard++) {
        if (t->name && (strstr(t->name, "pthread_mutex_t") || strcmp(t->name, "mtx_t") == 0))
            return true;
        if (t->kind != TYPE_TYPEDEF && t->kind != TYPE_ATOMIC && t->kind != TYPE_ARRAY)
            break;
        t = t->inner;
    }
    return false;
}

/* What the text of a global mutex's declaration line says after its name: no initializer
   (INIT_NONE, up to the `;` or `,`), a plain one (`= PTHREAD_MUTEX_INITIALIZER;`), a non-plain
   one (`= PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;`), or something else, or no line to read. Our
   AST keeps no initializers of globals, and the macro's expansion is what the line says. */
static int global_init_kind(fl_srcmap *sm, const ast_var *g)
{
    uint32_t line, col;
    if (!fl_span_valid(g->span) || !fl_srcmap_line_col(sm, g->span.file, g->span.begin, &line, &col))
        return INIT_OTHER;
    size_t len;
    const char *text = fl_srcmap_line(sm, g->span.file, line, &len);
    if (!text || col == 0 || col - 1 > len)
        return INIT_OTHER;
    const char *p = text + col - 1, *end = text + len;
    while (p < end && *p != '=' && *p != ';' && *p != ',')
        p++;
    if (p >= end)
        return INIT_OTHER;
    if (*p != '=')
        return INIT_NONE;
    int kind = INIT_OTHER;
    for (; p < end && *p != ';'; p++)
        if (*p == 'P' && (size_t)(end - p) > 8 && strncmp(p, "PTHREAD_", 8) == 0) {
            char id[64];
            size_t k = 0;
            while (p + k < end && k + 1 < sizeof id && (isalnum((unsigned char)p[k]) || p[k] == '_')) {
                id[k] = p[k];
                k++;
            }
            id[k] = '\0';
            if (nonplain_kind_name(id))
                return INIT_NONPLAIN;
            if (strcmp(id, "PTHREAD_MUTEX_INITIALIZER") == 0)
                kind = INIT_PLAIN;
            p += k - 1;
        }
    return kind;
}

/* A call that initializes a mutex with attributes that may make it non-plain: pthread_mutex_init
   with an attribute object (not a null pointer), mtx_init with a kind other than mtx_plain or
   mtx_timed. *m is the mutex argument. */
static bool init_may_be_nonplain(const ast_node *n, ast_node **m)
{
    if (!n || n->kind != AST_CALL || !n->name || n->nkids != 3)
        return false;
    const ast_node *a = ast_strip_casts(n->kids[2]);
    if (strcmp(n->name, "pthread_mutex_init") == 0) {
        *m = n->kids[1];
        return !cond_is_zero(a); /* not NULL */
    }
    if (strcmp(n->name, "mtx_init") == 0) {
        *m = n->kids[1];
        return !(a && a->kind == AST_REF && a->name && (strcmp(a->name, "mtx_plain") == 0 || strcmp(a->name, "mtx_timed") == 0));
    }
    return false;
}

/* The unit's file-scope mutexes that are plain whatever kinds it names elsewhere: initialized on
   their declaration with PTHREAD_MUTEX_INITIALIZER, or `static` and left to the zero
   initializer, and never given attributes by an init call of the unit. A unit that gives
   attributes to a mutex it reaches through a pointer (`mutex_init_recursive(&m)` passing it on)
   keeps only the ones with an explicit initializer. */
static void find_plain_mutexes(lock_unit *u, fl_srcmap *sm)
{
    const ast_tu *tu = u->tu;
    bool through_ptr = false;
    FL_VEC(const ast_var *) given = {0};
    for (uint32_t f = 0; f < tu->nfuncs; f++)
        for (uint32_t bi = 0; u->nonplain_fn[f] && u->cfgs[f] && bi < u->cfgs[f]->nblocks; bi++)
            for (uint32_t i = 0; i < u->cfgs[f]->blocks[bi].nelems; i++) {
                ast_node *m;
                if (!init_may_be_nonplain(u->cfgs[f]->blocks[bi].elems[i].node, &m))
                    continue;
                place pl = place_of_pointee(u->A, m);
                if (pl.root && pl.path && !pl.path[0] && pl.root->storage == STORAGE_GLOBAL)
                    fl_vec_push(&given, pl.root);
                else
                    through_ptr = true;
            }
    for (uint32_t i = 0; i < tu->nglobals; i++) {
        const ast_var *g = tu->globals[i];
        if (!g || !is_mutex_type(g->type) || g->type->kind == TYPE_ARRAY)
            continue;
        int kind = global_init_kind(sm, g);
        if (kind != INIT_PLAIN && !(kind == INIT_NONE && (g->flags & AST_VAR_INTERNAL) && !through_ptr))
            continue;
        bool attrs = false;
        for (size_t k = 0; k < given.len && !attrs; k++)
            attrs = given.items[k] == g;
        if (attrs)
            continue;
        if (!u->plain)
            u->plain = FL_NEW_ARRAY(u->A, const ast_var *, tu->nglobals);
        u->plain[u->nplain++] = g;
    }
    fl_vec_free(&given);
}

/* li is one of find_plain_mutexes's. */
static bool known_plain(const lock_unit *u, const lock_info *li)
{
    if (!li || !li->where.root || !li->where.path || li->where.path[0])
        return false;
    for (uint32_t k = 0; k < u->nplain; k++)
        if (u->plain[k] == li->where.root)
            return true;
    return false;
}

bool locks_may_be_recursive(const lock_unit *u, const lock_info *li)
{
    return u->recursive && !known_plain(u, li);
}

bool locks_may_be_nonplain(const lock_unit *u, const lock_info *li)
{
    return u->nonplain && !known_plain(u, li);
}

bool locks_unit_has_nonplain_mutex(const lock_unit *u)
{
    return u->nonplain;
}

bool locks_is_mutex_api(const char *api)
{
    return api && (strncmp(api, "pthread_mutex_", 14) == 0 || strncmp(api, "mtx_", 4) == 0);
}
