/* access_regions.c - code that runs once, or while no other thread exists, and where a function's
 * threads start (see access_impl.h). */
#include "access_impl.h"

#include <string.h>

#include "../ir/cond.h"
#include "../ir/place.h"

/* A call that says "this is the first pass" when it returns nonzero: OVS's ovsthread_once_start,
   GLib's g_once_init_enter. Not `pthread_once` (its status is an error code), nor a query
   (`once_done`). */
static bool once_start_call(const ast_node *c)
{
    return c && c->kind == AST_CALL && c->name && strstr(c->name, "once") && !strstr(c->name, "done") &&
           strcmp(c->name, "pthread_once") != 0 && strcmp(c->name, "call_once") != 0;
}

/* A claim of a function's own static flag (`static atomic_flag started;`): a test-and-set or an
   exchange of a non-zero constant, which returns the flag's old value, zero for the first
   caller only (`if (atomic_flag_test_and_set(&started)) return 0;`), or GCC's
   `__sync_bool_compare_and_swap(&f, 0, 1)`, non-zero for the first caller only (*zero_first
   false). Only while nothing else in the function writes the flag (a clear or a store gives it
   back: a try-lock, not a once); a static of the function is named by no other function. The
   flag, or NULL. */
static const ast_var *claimed_flag(fl_arena *A, ast_node *c, bool *zero_first)
{
    c = c ? ast_strip_casts(c) : NULL;
    if (!c || !c->name)
        return NULL;
    ast_node *ptr = NULL;
    if (c->kind == AST_CALL && strcmp(c->name, "__sync_bool_compare_and_swap") == 0 && c->nkids == 4 &&
        cond_is_zero(c->kids[2]) && cond_is_nonzero_constant(c->kids[3])) {
        ptr = c->kids[1];
        *zero_first = false;
    } else if (c->kind == AST_CALL && strcmp(c->name, "__sync_lock_test_and_set") == 0 && c->nkids == 3 &&
               cond_is_nonzero_constant(c->kids[2])) {
        ptr = c->kids[1];
        *zero_first = true;
    } else if (c->kind == AST_OTHER && c->nkids >= 2 &&
               (strcmp(c->name, "__atomic_test_and_set") == 0 ||
                ((strcmp(c->name, "__c11_atomic_exchange") == 0 || strcmp(c->name, "__atomic_exchange_n") == 0) &&
                 c->nkids >= 3 && cond_is_nonzero_constant(c->kids[2])))) {
        ptr = c->kids[0];
        *zero_first = true;
    }
    place pl = ptr ? place_of_pointee(A, ptr) : (place){NULL, NULL};
    return pl.root && pl.root->storage == STORAGE_STATIC_LOCAL ? pl.root : NULL;
}

/* Does some element of g other than `claim` write v (a store, a clear, an assignment, a call
   given its address)? */
static bool flag_written_elsewhere(const cfg *g, const ast_var *v, const ast_node *claim)
{
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            const ast_node *n = el->kind == CFG_EXPR ? el->node : NULL;
            if (!n || n == claim || fl_span_within(n->span, claim->span))
                continue;
            if (cond_written_var(el) == v)
                return true;
            bool call = n->kind == AST_CALL || (n->kind == AST_OTHER && accx_atomic_op(n));
            if (call && ast_mentions_var(n, v))
                return true;
            const ast_node *lv = cond_node_written_lvalue(n);
            if (lv && ast_mentions_var(lv, v))
                return true;
        }
    return false;
}

/* A call after which the process has no other thread, or it has aborted. */
static bool single_threaded_assertion(const ast_node *c)
{
    return c && c->kind == AST_CALL && c->name && strncmp(c->name, "assert_single_threaded", 22) == 0;
}

/* Bits of a block's regions beyond acc_region's: up to 6 "first time" flags per function
   (`if (!started) { ...; started = true; }` with `started` a global or a static), each a bit. */
#define FLAG_BIT0 (1u << 2)
#define MAX_FLAGS 6

/* A global or static variable tested for zero by a branch, when it is: `!started`,
   `started == 0`, `started == false`. */
static ast_var *tested_flag(ast_node *cond, bool *true_means_zero)
{
    ast_node *v = ast_strip_casts(cond_tested_value(cond, true_means_zero));
    return v && v->kind == AST_REF && accx_is_shared_storage(v->var) && !(v->var->ty & TY_POINTER) ? v->var : NULL;
}

/* Is element el `flag = <non-zero constant>`? */
static bool sets_flag(const cfg_elem *el, const ast_var *flag)
{
    const ast_node *n = el->kind == CFG_EXPR ? el->node : NULL;
    if (!n || n->kind != AST_BINARY || n->op != BIN_ASSIGN || n->nkids != 2)
        return false;
    const ast_node *l = ast_strip_casts(n->kids[0]), *r = ast_strip_casts(n->kids[1]);
    return l && l->kind == AST_REF && l->var == flag && r && r->kind == AST_LITERAL && r->name &&
           strcmp(r->name, "0") != 0 && strcmp(r->name, "false") != 0;
}

/* Per block of g, the regions the whole block is in (acc_region bits, and FLAG_BIT0 << k for
   the k-th first-time flag), and per block the element after which the rest of it is in
   ACC_SINGLE (UINT32_MAX: none). A block is in a region when it starts one (the first-pass
   successor of a once test, the branch where a flag is still zero) or every predecessor ends in
   it: the blocks that start dominates, computed by taking blocks out from "all" (each block
   loses each bit once). A flag's region counts only if it sets the flag. */
void accx_find_regions(fl_arena *A, const cfg *g, uint8_t **region_out, uint32_t **single_from_out)
{
    uint32_t nb = g->nblocks;
    uint8_t *seed = NULL;
    uint32_t *single_from = NULL;
    ast_var *flags[MAX_FLAGS];
    uint32_t nflags = 0;
    for (uint32_t bi = 0; bi < nb; bi++) {
        const cfg_block *b = &g->blocks[bi];
        if (b->cond && b->nsuccs == 2) {
            bool true_means_zero = false;
            ast_node *c = cond_tested_value(b->cond, &true_means_zero);
            uint8_t bit = 0;
            uint32_t first = true_means_zero ? 1 : 0; /* the successor where the value is non-zero */
            bool zero_first;
            const ast_var *claimed = claimed_flag(A, c, &zero_first);
            if (once_start_call(c))
                bit = ACC_ONCE;
            else if (claimed && !flag_written_elsewhere(g, claimed, ast_strip_casts(c))) {
                bit = ACC_ONCE;
                if (zero_first)
                    first = true_means_zero ? 0 : 1;
            } else {
                ast_var *f = tested_flag(b->cond, &true_means_zero);
                uint32_t k = 0;
                while (f && k < nflags && flags[k] != f)
                    k++;
                if (f && k == nflags && nflags < MAX_FLAGS)
                    flags[nflags++] = f;
                if (f && k < nflags) {
                    bit = (uint8_t)(FLAG_BIT0 << k);
                    first = true_means_zero ? 0 : 1; /* where the flag is still zero */
                }
            }
            if (bit) {
                if (!seed)
                    seed = FL_NEW_ARRAY(A, uint8_t, nb);
                seed[b->succs[first]] |= bit;
            }
        }
        for (uint32_t i = 0; i < b->nelems; i++)
            if (b->elems[i].kind == CFG_EXPR && single_threaded_assertion(b->elems[i].node)) {
                if (!single_from) {
                    single_from = FL_NEW_ARRAY(A, uint32_t, nb);
                    memset(single_from, 0xff, nb * sizeof *single_from);
                }
                if (single_from[bi] == UINT32_MAX)
                    single_from[bi] = i;
            }
    }
    *region_out = NULL;
    *single_from_out = single_from;
    if (!seed && !single_from)
        return;
    uint8_t *in = FL_NEW_ARRAY(A, uint8_t, nb);
    /* each block is pushed once, then once per bit it loses */
    uint32_t *work = FL_NEW_ARRAY(A, uint32_t, 9 * (size_t)nb + 1);
    uint32_t nwork = 0;
    const uint8_t all = (uint8_t)(ACC_ONCE | ACC_SINGLE | (((1u << nflags) - 1) * FLAG_BIT0));
    for (uint32_t bi = 0; bi < nb; bi++) {
        in[bi] = bi != g->entry && g->blocks[bi].npreds ? all : 0;
        if (seed)
            in[bi] |= seed[bi];
        if (in[bi] != all)
            work[nwork++] = bi;
    }
    /* a block's region bits fall when a predecessor ends outside them */
    while (nwork) {
        uint32_t pb = work[--nwork];
        const cfg_block *p = &g->blocks[pb];
        uint8_t out = in[pb] | (single_from && single_from[pb] != UINT32_MAX ? ACC_SINGLE : 0);
        for (uint32_t k = 0; k < p->nsuccs; k++) {
            uint32_t sb = p->succs[k];
            uint8_t keep = in[sb] & (out | (seed ? seed[sb] : 0));
            if (keep != in[sb]) {
                in[sb] = keep;
                work[nwork++] = sb;
            }
        }
    }
    /* a flag's region that does not set the flag is not a first time */
    for (uint32_t k = 0; k < nflags; k++) {
        uint8_t bit = (uint8_t)(FLAG_BIT0 << k);
        bool sets = false;
        for (uint32_t bi = 0; bi < nb && !sets; bi++)
            for (uint32_t i = 0; (in[bi] & bit) && i < g->blocks[bi].nelems && !sets; i++)
                sets = sets_flag(&g->blocks[bi].elems[i], flags[k]);
        for (uint32_t bi = 0; !sets && bi < nb; bi++)
            in[bi] &= (uint8_t)~bit;
    }
    *region_out = in;
}

cfg_after accx_find_starts(fl_arena *A, const cfg *g, const run_fn *rf)
{
    if (!rf || !rf->nspawns)
        return (cfg_after){NULL, NULL};
    uint32_t *blocks = FL_NEW_ARRAY(A, uint32_t, rf->nspawns), *elems = FL_NEW_ARRAY(A, uint32_t, rf->nspawns);
    for (uint32_t s = 0; s < rf->nspawns; s++) {
        blocks[s] = rf->spawns[s].block;
        elems[s] = rf->spawns[s].elem;
    }
    return cfg_after_sites(A, g, blocks, elems, rf->nspawns);
}

cfg_after accx_find_joins(fl_arena *A, const cfg *g, const sum_table *sums)
{
    FL_VEC(uint32_t) blocks = {0}, elems = {0};
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const ast_node *n = g->blocks[bi].elems[i].node;
            if (g->blocks[bi].elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL)
                continue;
            const fn_summary *s = n->callee ? sum_of(sums, n->callee) : NULL;
            if (thr_classify(sums, n).kind == THR_JOIN || (s && s->joins_any)) {
                fl_vec_push(&blocks, bi);
                fl_vec_push(&elems, i);
            }
        }
    cfg_after ja = cfg_after_sites(A, g, blocks.items, elems.items, (uint32_t)blocks.len);
    fl_vec_free(&blocks);
    fl_vec_free(&elems);
    return ja;
}

/* The region bits of element i of block b: code after a single-threaded assertion is
   single-threaded until the function starts a thread itself (sa). */
uint8_t accx_region_at(const uint8_t *region, const uint32_t *single_from, uint32_t b, uint32_t i,
                       const cfg_after *sa)
{
    uint8_t r = region ? region[b] & (ACC_ONCE | ACC_SINGLE) : 0;
    if (single_from && single_from[b] != UINT32_MAX && i > single_from[b])
        r |= ACC_SINGLE;
    if ((r & ACC_SINGLE) && cfg_is_after(sa, b, i))
        r &= (uint8_t)~ACC_SINGLE;
    return r & ACC_SINGLE ? r | ACC_ONCE : r;
}

/* The thread function a spawn starts, as the program should count it: none for a spawn of a
   trampoline (threads.h) inside a spawn wrapper, whose callers' spawns name the real functions
   (OVS's ovs_thread_create starts every thread through ovsthread_wrapper). */
const ast_callee *accx_spawn_target(ex *x, const run_spawn *rs)
{
    const ast_callee *t = accx_thread_fn(x, &rs->tc);
    if (!t || !t->def || t->def->index >= x->in->tu->nfuncs || !x->fn->self)
        return t;
    const fn_summary *s = sum_of(x->in->sums, x->fn->self);
    bool wrapper = false;
    for (uint32_t i = 0; s && i < s->nparams; i++)
        wrapper |= (s->param[i] & SUMP_SPAWN_FN) != 0;
    const char *ff, *af;
    if (wrapper && thr_trampoline(x->A, t->def, x->in->cfgs[t->def->index], &ff, &af)) {
        x->u->fns[t->def->index].trampoline = true;
        return NULL;
    }
    return t;
}

/* The object a spawn's argument points to: `&x` or `&x.f` (x a global or a local of the
   spawner), an array by name, a local pointer `p` that keeps its value, or what an element of a
   local array of pointers points to (`jobs[i]`). */
void accx_spawn_object(ex *x, const run_spawn *rs, sp_obj *o)
{
    ast_node *a = thr_arg_object(rs->tc.arg);
    if (!a || rs->starter)
        return;
    if (a->kind == AST_UNARY && a->op == UN_ADDR_OF) {
        place p = place_of(x->A, a->kids[0]);
        bool local = p.root && p.root->storage == STORAGE_LOCAL && ast_var_is_auto(p.root);
        if (p.root && (local || accx_is_shared_storage(p.root)) && (p.root->ty & TY_ARRAY) &&
            strcmp(p.path, "[*]") == 0) {
            /* `&args[i]`: an element each (of a local array, or of a global one: `&stats[i]`) */
            o->root = local ? accx_local_key(x, 'v', p.root) : accx_var_key(x, p.root);
            o->key = fl_arena_sprintf(x->A, "%s[?]", o->root);
            o->var = p.root;
            o->per_instance = true;
            return;
        }
        if (!p.root || !accx_direct_path(p.path) || strstr(p.path, "[*]") || (p.root->ty & TY_ARRAY))
            return;
        o->root = accx_is_shared_storage(p.root)           ? accx_var_key(x, p.root)
                  : p.root->storage == STORAGE_LOCAL ? accx_local_key(x, 'v', p.root)
                                                     : NULL;
        if (o->root) {
            o->key = fl_arena_concat(x->A, o->root, p.path);
            o->var = p.root;
        }
    } else if (a->kind == AST_REF && a->var && (a->ty & TY_ARRAY)) {
        /* an array passed by name (`hist`): the array itself */
        o->root = accx_is_shared_storage(a->var)           ? accx_var_key(x, a->var)
                  : a->var->storage == STORAGE_LOCAL ? accx_local_key(x, 'v', a->var)
                                                     : NULL;
        if (o->root) {
            o->key = o->root;
            o->var = a->var;
        }
    } else if (a->kind == AST_INDEX && a->nkids == 2 && (a->ty & TY_POINTER)) {
        /* `jobs[i]` of a local array of pointers: what each element points to, one per thread */
        const ast_node *arr = ast_strip_casts(a->kids[0]), *ix = ast_strip_casts(a->kids[1]);
        if (arr && arr->kind == AST_REF && arr->var && (arr->var->ty & TY_ARRAY) && ast_var_is_auto(arr->var) && ix &&
            ix->kind == AST_REF) {
            o->var = arr->var;
            o->through_ptr = true;
            o->elem_ptr = true;
            o->root = accx_local_key(x, 'p', arr->var);
            o->key = fl_arena_sprintf(x->A, "%s[?]", o->root);
        }
    } else if (a->kind == AST_REF && a->var && (a->var->ty & TY_POINTER) && !(a->var->ty & TY_ARRAY) &&
               accx_is_shared_storage(a->var)) {
        /* a global pointer's value (`pthread_create(&t, NULL, irq_loop, dev)`): the object it
           points to, "<global>*", the key its own accesses (`dev->state`) have; data-race trusts
           it only while the pointer keeps its value */
        o->root = accx_var_key(x, a->var);
        o->key = fl_arena_concat(x->A, o->root, "*");
    } else if (a->kind == AST_REF && a->var && (a->var->ty & TY_POINTER) &&
               ast_var_is_auto(a->var) &&
               !(a->var->flags & AST_VAR_ADDRESS_TAKEN)) {
        o->var = a->var;
        o->through_ptr = true;
        o->key = o->root = accx_local_key(x, 'p', a->var);
    }
}
