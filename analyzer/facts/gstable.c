/* gstable.c - the file-static variables that nothing a function calls can change (see
 * gstable.h). */
#include "gstable.h"

#include <string.h>

#include "../base/graph.h"
#include "../base/vec.h"
#include "../ir/cond.h"

#define MAX_ROUNDS 8

/* The globals ir/split.h may take: internal linkage, address never taken. */
static bool candidate(const ast_var *v)
{
    return v && v->storage == STORAGE_GLOBAL && (v->flags & AST_VAR_INTERNAL) && !(v->flags & AST_VAR_ADDRESS_TAKEN);
}

/* Mark in `taken` (per callee index) the functions a body names other than as the callee of a
   call: their addresses go where a call may reach them. One walk of the body's nodes. */
static void note_taken(const ast_node *body, bool *taken, uint32_t ncallees)
{
    typedef struct item { const ast_node *n; bool callee; } item;
    FL_VEC(item) st = {0};
    item first = {body, false};
    fl_vec_push(&st, first);
    while (st.len) {
        item it = st.items[--st.len];
        const ast_node *n = it.n;
        if (!n)
            continue;
        if (n->kind == AST_REF && (n->flags & AST_F_FUNC_REF) && !it.callee && n->callee &&
            n->callee->index < ncallees)
            taken[n->callee->index] = true;
        bool wrapper = n->kind == AST_PAREN || n->kind == AST_CAST;
        for (uint32_t k = 0; k < n->nkids; k++) {
            /* the callee of a call, through parentheses and casts, is called, not taken */
            item kid = {n->kids[k], (n->kind == AST_CALL && k == 0) || (wrapper && it.callee)};
            fl_vec_push(&st, kid);
        }
    }
    fl_vec_free(&st);
}

/* A call that may reach any function whose address is taken: through a pointer, to another
   unit, or to the C library with a function among its arguments (`pthread_create(..., run,
   ...)`, `qsort(..., cmp)`). */
static bool reaches_taken(const ast_node *call)
{
    const ast_callee *c = call->callee;
    if (!c || !c->system)
        return true;
    for (uint32_t k = 1; k < call->nkids; k++) {
        ast_node *a = call->kids[k] ? ast_strip_casts(call->kids[k]) : NULL;
        if (a && a->kind == AST_UNARY && a->op == UN_ADDR_OF && a->nkids == 1)
            a = ast_strip_casts(a->kids[0]);
        if (a && ((a->ty & TY_FUNCTION) || (a->kind == AST_REF && (a->flags & AST_F_FUNC_REF))))
            return true;
    }
    return false;
}

/* The unit's calls: per function, the functions with a CFG it calls directly. */
typedef struct call_lists {
    uint32_t **calls;
    uint32_t *ncalls;
} call_lists;

static const uint32_t *calls_of(void *ctx, uint32_t f, uint32_t *n)
{
    const call_lists *cl = ctx;
    *n = cl->ncalls[f];
    return cl->calls[f];
}

fl_word **gstable_unit(fl_arena *A, const ast_tu *tu, cfg *const *cfgs)
{
    uint32_t ng = tu->nglobals, nf = tu->nfuncs;
    bool any = false;
    for (uint32_t i = 0; i < ng && !any; i++)
        any = candidate(tu->globals[i]);
    if (!any || !nf)
        return NULL;
    uint32_t nw = fl_bs_words(ng);
    bool *taken = FL_NEW_ARRAY(A, bool, tu->ncallees + 1);
    for (uint32_t f = 0; f < nf; f++)
        if (cfgs[f])
            note_taken(tu->funcs[f]->body, taken, tu->ncallees);
    for (uint32_t i = 0; i < tu->nfn_inits; i++)
        if (tu->fn_inits[i].fn && tu->fn_inits[i].fn->index < tu->ncallees)
            taken[tu->fn_inits[i].fn->index] = true;

    /* per function: what it writes itself, its callees in the unit, whether a call may reach
       the address-taken functions */
    fl_word **w = FL_NEW_ARRAY(A, fl_word *, nf + 1);
    uint32_t **calls = FL_NEW_ARRAY(A, uint32_t *, nf + 1);
    uint32_t *ncalls = FL_NEW_ARRAY(A, uint32_t, nf + 1);
    bool *wide = FL_NEW_ARRAY(A, bool, nf + 1);
    FL_VEC(uint32_t) tmp = {0};
    for (uint32_t f = 0; f < nf; f++) {
        const cfg *g = cfgs[f];
        w[f] = FL_NEW_ARRAY(A, fl_word, nw);
        if (!g)
            continue;
        tmp.len = 0;
        for (uint32_t bi = 0; bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                const cfg_elem *el = &g->blocks[bi].elems[i];
                const ast_var *v = cond_written_var(el);
                if (candidate(v) && v->index < ng && tu->globals[v->index] == v)
                    fl_bs_set(w[f], v->index);
                const ast_node *n = el->kind == CFG_EXPR ? el->node : NULL;
                if (!n || n->kind != AST_CALL)
                    continue;
                const ast_func *d = n->callee ? n->callee->def : NULL;
                if (d && d->index < nf && tu->funcs[d->index] == d) {
                    if (cfgs[d->index])
                        fl_vec_push(&tmp, d->index);
                }
                else
                    wide[f] |= reaches_taken(n);
            }
        ncalls[f] = (uint32_t)tmp.len;
        calls[f] = tmp.len ? fl_arena_memdup(A, tmp.items, tmp.len * sizeof *tmp.items) : NULL;
    }
    fl_vec_free(&tmp);

    /* rounds until nothing changes: w[f] |= w[callee], and the address-taken functions' writes
       for a call that may reach them */
    /* callees before callers: one round settles a call graph without cycles */
    fl_u32_vec order = {0};
    call_lists cl = {calls, ncalls};
    bool *visited = FL_NEW_ARRAY(A, bool, nf + 1);
    for (uint32_t f = 0; f < nf; f++)
        if (cfgs[f])
            fl_post_order(f, calls_of, &cl, visited, &order);
    fl_word *wt = FL_NEW_ARRAY(A, fl_word, nw);
    bool settled = false;
    for (int round = 0; round < MAX_ROUNDS && !settled; round++) {
        settled = true;
        for (uint32_t f = 0; f < nf; f++)
            if (cfgs[f] && tu->funcs[f]->self && tu->funcs[f]->self->index < tu->ncallees &&
                taken[tu->funcs[f]->self->index])
                fl_bs_union(wt, w[f], nw);
        for (uint32_t r = 0; r < order.len; r++) {
            uint32_t f = order.items[r];
            for (uint32_t k = 0; k < ncalls[f]; k++)
                if (fl_bs_union(w[f], w[calls[f][k]], nw))
                    settled = false;
            if (wide[f] && fl_bs_union(w[f], wt, nw))
                settled = false;
        }
    }
    fl_vec_free(&order);
    fl_word **out = FL_NEW_ARRAY(A, fl_word *, nf + 1);
    fl_word *wt_calls = FL_NEW_ARRAY(A, fl_word, nw);
    for (uint32_t f = 0; f < nf; f++) {
        if (!cfgs[f])
            continue;
        out[f] = FL_NEW_ARRAY(A, fl_word, nw);
        if (!settled)
            continue; /* the rounds ran out: nothing is known to be stable */
        /* what its calls may write (its own writes are the split's to judge: `threaded = argc >
           1;` in main before `if (threaded) spawn(); ... if (threaded) join();`) */
        memset(wt_calls, 0, nw * sizeof *wt_calls);
        for (uint32_t k = 0; k < ncalls[f]; k++)
            fl_bs_union(wt_calls, w[calls[f][k]], nw);
        if (wide[f])
            fl_bs_union(wt_calls, wt, nw);
        for (uint32_t i = 0; i < ng; i++)
            if (candidate(tu->globals[i]) && !fl_bs_test(wt_calls, i))
                fl_bs_set(out[f], i);
    }
    return out;
}
