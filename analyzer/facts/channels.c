/* channels.c - queues and slots that hand heap objects to a thread which frees them (see
 * channels.h for the shape and what is left out). Three steps over the unit's CFGs:
 *  1. the functions that run in a thread: spawns' functions, then what they call in the unit;
 *  2. in those, a local set from a call `pop(q)` returning a struct pointer, that a call frees
 *     (free, or a function whose summary frees it): `pop` empties containers of q's type, and its
 *     elements die in the consumer;
 *  3. every function with a parameter of such a container type and one of such an element type
 *     that stores the element into the container on every path is a sender.
 */
#include "channels.h"

#include <stdlib.h>
#include <string.h>

#include "../base/vec.h"
#include "../ir/cond.h"
#include "../ir/place.h"
#include "moves.h"
#include "threads.h"

/* The record a pointer type points to (typedefs stripped), or NULL. */
static const ast_type *pointee_record(const ast_type *t)
{
    t = ast_type_strip(t);
    if (!t || t->kind != TYPE_POINTER)
        return NULL;
    t = ast_type_strip(t->inner);
    return t && t->kind == TYPE_RECORD ? t : NULL;
}

/* What an element pointer of a queue points to: a record, or a byte buffer (`char *msg`); NULL
   for anything else (`void *` above all). */
static const ast_type *pointee_elem(const ast_type *t)
{
    const ast_type *r = pointee_record(t);
    if (r)
        return r;
    t = ast_type_strip(t);
    t = t && t->kind == TYPE_POINTER ? ast_type_strip(t->inner) : NULL;
    return t && t->kind == TYPE_SCALAR && t->name &&
                   (strcmp(t->name, "char") == 0 || strcmp(t->name, "unsigned char") == 0)
               ? t
               : NULL;
}

static bool same_record(const ast_type *a, const ast_type *b)
{
    return a && b && (a == b || (a->name && b->name && strcmp(a->name, b->name) == 0));
}

static bool is_local(const ast_var *v)
{
    return v && v->storage == STORAGE_LOCAL;
}

/* The container of a queue kept in bare global pointers (`static struct msg *head, *tail;`):
   no record holds it, and this marker stands for it. The queues of one element type in one file
   are taken to be one queue. */
static const ast_type bare_globals;

/* A global pointer to elements of record elem (`head`, `tail`). */
static bool bare_queue_global(const ast_var *v, const ast_type *elem)
{
    return v && v->storage == STORAGE_GLOBAL && (v->ty & TY_POINTER) && !(v->ty & TY_ARRAY) &&
           same_record(pointee_elem(v->type), elem);
}

/* The value element el gives a local of its function (`struct job *j = q.head;`, `j = pop(q);`),
   with the local in *v; NULL for any other element. */
static ast_node *local_value(const cfg_elem *el, const ast_var **v)
{
    *v = NULL;
    if (el->kind == CFG_DECL && is_local(el->var) && el->node->nkids == 1) {
        *v = el->var;
        return el->node->kids[0];
    }
    if (el->kind != CFG_EXPR || el->node->kind != AST_BINARY || el->node->op != BIN_ASSIGN)
        return NULL;
    ast_node *l = ast_strip_parens(el->node->kids[0]);
    *v = l && l->kind == AST_REF && is_local(l->var) ? l->var : NULL;
    return *v ? el->node->kids[1] : NULL;
}

static const ast_type *taken_in_place(fl_arena *A, const cfg *g, const ast_var *v, ast_node *e);

/* The container record a pop without a container parameter takes its elements from in place: a
   global (`j = q.head; q.head = j->next;` with `static struct job_queue q`); NULL for none. */
static const ast_type *takes_from_global(fl_arena *A, cfg *const *cfgs, const ast_func *d)
{
    const cfg *g = cfgs[d->index];
    for (uint32_t b = 0; g && b < g->nblocks; b++)
        for (uint32_t e = 0; e < g->blocks[b].nelems; e++) {
            const ast_var *v;
            ast_node *rhs = local_value(&g->blocks[b].elems[e], &v);
            ast_node *m = rhs ? ast_strip_casts(rhs) : NULL;
            ast_node *base = m && m->kind == AST_MEMBER && m->nkids && !(m->flags & AST_F_ARROW)
                                 ? ast_strip_casts(m->kids[0])
                                 : NULL;
            if ((base && base->kind == AST_REF && base->var && base->var->storage == STORAGE_GLOBAL) ||
                (m && m->kind == AST_REF && m->var && m->var->storage == STORAGE_GLOBAL)) {
                const ast_type *c = taken_in_place(A, g, v, rhs);
                if (c)
                    return c;
            }
        }
    return NULL;
}

/* takes_from_global of each function of the unit, decided once (scan[i] set when decided). */
typedef struct global_takes {
    const ast_type **cont;
    bool *scan;
} global_takes;

/* `pop(...)` (casts stripped) when it is a call of a function of the unit returning a pointer to
   a struct or a byte buffer (pointee_elem) and taking a pointer to another struct, or taking its
   elements in place from a global of another struct (*gcont set to that record): the pop of a
   container; else NULL. */

static const ast_callee *pop_call(fl_arena *A, cfg *const *cfgs, global_takes *gt, ast_node *e, const ast_type **gcont)
{
    *gcont = NULL;
    e = ast_strip_casts(e);
    if (!e || e->kind != AST_CALL || !e->callee || !e->callee->def || (e->callee->nparams && !e->callee->param_types))
        return NULL;
    const ast_callee *ce = e->callee;
    const ast_type *elem = pointee_elem(ce->result);
    if (!elem)
        return NULL;
    for (uint32_t i = 0; i < ce->nparams; i++) {
        const ast_type *c = pointee_record(ce->param_types[i]);
        if (c && !same_record(c, elem))
            return ce;
    }
    uint32_t di = ce->def->index;
    if (!gt->scan[di]) {
        gt->scan[di] = true;
        gt->cont[di] = takes_from_global(A, cfgs, ce->def);
    }
    const ast_type *c = gt->cont[di];
    if (c && (c == &bare_globals || !same_record(c, elem))) {
        *gcont = c;
        return ce;
    }
    return NULL;
}

/* pop takes a pointer to record c. */
static bool pops_from(const ast_callee *pop, const ast_type *c)
{
    for (uint32_t i = 0; i < pop->nparams; i++)
        if (same_record(pointee_record(pop->param_types[i]), c))
            return true;
    return false;
}

typedef struct popped {
    const ast_var *var;
    const ast_callee *pop;   /* NULL: taken out in place, from a field of `cont` */
    const ast_type *cont;    /* with pop: the record of the global it takes from, NULL for a parameter */
} popped;

typedef struct freed_pop {
    const ast_callee *pop;   /* NULL: taken out in place (`j = p->head;`) */
    const ast_type *cont;    /* ... from a container of this record (with pop: from a global of it) */
    const ast_type *elem;
    const ast_func *consumer;
    const ast_node *free_call;
} freed_pop;

typedef FL_VEC(popped) popped_vec;
typedef FL_VEC(freed_pop) freed_vec;

/* Step 1: mark the functions of the unit that run in a thread; false when no spawn was seen. */
static bool mark_threaded(const ast_tu *tu, cfg *const *cfgs, const sum_table *sums, bool *threaded)
{
    fl_u32_vec work = {0};
    for (uint32_t f = 0; f < tu->nfuncs; f++) {
        const cfg *g = cfgs[f];
        for (uint32_t b = 0; g && b < g->nblocks; b++)
            for (uint32_t e = 0; e < g->blocks[b].nelems; e++) {
                const cfg_elem *el = &g->blocks[b].elems[e];
                if (el->kind != CFG_EXPR || el->node->kind != AST_CALL)
                    continue;
                thr_call tc = thr_classify(sums, el->node);
                const ast_callee *fn = tc.kind == THR_SPAWN && tc.func ? thr_named_fn(tc.func) : NULL;
                const ast_func *d = fn ? fn->def : NULL;
                if (d && d->index < tu->nfuncs && tu->funcs[d->index] == d && !threaded[d->index]) {
                    threaded[d->index] = true;
                    fl_vec_push(&work, d->index);
                }
            }
    }
    bool any = work.len > 0;
    while (work.len) {
        const cfg *g = cfgs[work.items[--work.len]];
        for (uint32_t b = 0; g && b < g->nblocks; b++)
            for (uint32_t e = 0; e < g->blocks[b].nelems; e++) {
                const ast_node *n = g->blocks[b].elems[e].node;
                const ast_func *d = n->kind == AST_CALL && n->callee ? n->callee->def : NULL;
                if (d && d->index < tu->nfuncs && tu->funcs[d->index] == d && !threaded[d->index]) {
                    threaded[d->index] = true;
                    fl_vec_push(&work, d->index);
                }
            }
    }
    fl_vec_free(&work);
    return any;
}

/* Does some element of g assign the place e names (`p->head = j->next`, `m->msg = NULL`)? */
static bool place_assigned(fl_arena *A, const cfg *g, ast_node *e)
{
    place pe = place_of(A, e);
    for (uint32_t b = 0; pe.root && b < g->nblocks; b++)
        for (uint32_t i = 0; i < g->blocks[b].nelems; i++) {
            const ast_node *n = g->blocks[b].elems[i].node;
            if (g->blocks[b].elems[i].kind == CFG_EXPR && n->kind == AST_BINARY && n->op == BIN_ASSIGN &&
                place_equal(place_of(A, n->kids[0]), pe))
                return true;
        }
    return false;
}

/* `j = p->head` (casts stripped) with j a pointer to a struct or a byte buffer and p one to
   another struct (or such a struct itself, `q.head`), a field the function also assigns (it
   takes the element out, not a look at it): an element taken out in place from p's container,
   whose record is returned; `j = head` with head a bare global pointer to such elements that the
   function also assigns: &bare_globals; else NULL. */
static const ast_type *taken_in_place(fl_arena *A, const cfg *g, const ast_var *v, ast_node *e)
{
    const ast_type *elem = pointee_elem(v->type);
    e = ast_strip_casts(e);
    if (elem && e && e->kind == AST_REF && bare_queue_global(e->var, elem))
        return place_assigned(A, g, e) ? &bare_globals : NULL;
    if (!elem || !e || e->kind != AST_MEMBER || !e->nkids)
        return NULL;
    ast_node *base = ast_strip_casts(e->kids[0]);
    if (!base || base->kind != AST_REF || !base->var)
        return NULL;
    const ast_type *c = NULL;
    if (e->flags & AST_F_ARROW)
        c = pointee_record(base->var->type);
    else {
        c = ast_type_strip(base->var->type);
        c = c && c->kind == TYPE_RECORD ? c : NULL;
    }
    return c && !same_record(c, elem) && place_assigned(A, g, e) ? c : NULL;
}

/* Step 2 for one function that runs in a thread. */
static void find_freed_pops(fl_arena *A, cfg *const *cfgs, global_takes *gt, const ast_func *fn, const sum_table *sums,
                            popped_vec *pv, freed_vec *out)
{
    const cfg *g = cfgs[fn->index];
    pv->len = 0;
    for (uint32_t b = 0; b < g->nblocks; b++)
        for (uint32_t e = 0; e < g->blocks[b].nelems; e++) {
            const ast_var *v;
            ast_node *rhs = local_value(&g->blocks[b].elems[e], &v);
            const ast_type *cont = NULL;
            const ast_callee *pop = rhs ? pop_call(A, cfgs, gt, rhs, &cont) : NULL;
            if (rhs && !pop)
                cont = taken_in_place(A, g, v, rhs);
            if (pop || cont) {
                popped p = {v, pop, cont};
                fl_vec_push(pv, p);
            }
        }
    if (!pv->len)
        return;
    for (uint32_t b = 0; b < g->nblocks; b++)
        for (uint32_t e = 0; e < g->blocks[b].nelems; e++) {
            const ast_node *n = g->blocks[b].elems[e].node;
            if (g->blocks[b].elems[e].kind != CFG_EXPR || n->kind != AST_CALL)
                continue;
            for (uint32_t a = 0; a + 1 < n->nkids; a++) {
                ast_node *x = ast_strip_casts(n->kids[1 + a]);
                if (!x || x->kind != AST_REF || !x->var || moves_call_arg(sums, n, a) != MOVE_FREED)
                    continue;
                for (size_t k = 0; k < pv->len; k++)
                    if (pv->items[k].var == x->var) {
                        const popped *pp = &pv->items[k];
                        freed_pop fp = {pp->pop, pp->cont,
                                        pointee_elem(pp->pop ? pp->pop->result : pp->var->type), fn, n};
                        fl_vec_push(out, fp);
                    }
            }
        }
}

/* Local v is declared with a non-zero constant, and every other write of it is in a block that
   stores the element (mark[]): `int rc = -1; ... if (room) { q->slot = m; rc = 0; } return rc;`.
   On a path that stores nothing it still holds that constant. */
static bool refusal_status(const ast_func *fn, const cfg *g, const ast_var *v, const bool *mark)
{
    bool init = false;
    for (uint32_t b = 0; b < g->nblocks; b++)
        for (uint32_t i = 0; i < g->blocks[b].nelems; i++) {
            const cfg_elem *el = &g->blocks[b].elems[i];
            ast_node *val;
            if (cond_local_write(fn, el, &val) != v)
                continue;
            if (el->kind == CFG_DECL && val && cond_is_nonzero_constant(val))
                init = true;
            else if (!mark[b])
                return false;
        }
    return init;
}

/* Block b ends in a push refusing, which leaves the element with its caller: `return -1;` when
   the queue is closed, or `return rc;` with rc such a status (refusal_status). */
static bool returns_refusal(const ast_func *fn, const cfg *g, const cfg_block *b, const bool *mark)
{
    const ast_node *v = b->term && b->term->kind == AST_RETURN && b->term->nkids ? ast_strip_casts(b->term->kids[0]) : NULL;
    if (!v)
        return false;
    if (cond_is_nonzero_constant(v))
        return true;
    return v->kind == AST_REF && v->var && v->var->storage == STORAGE_LOCAL &&
           !(v->var->flags & AST_VAR_ADDRESS_TAKEN) && refusal_status(fn, g, v->var, mark);
}

/* The place element el stores m in (`q->tail->next = m`), root NULL when it stores no m. */
static place stored_into(fl_arena *A, const cfg_elem *el, const ast_var *m)
{
    ast_node *n = el->node;
    if (el->kind != CFG_EXPR || !n || n->kind != AST_BINARY || n->op != BIN_ASSIGN)
        return (place){NULL, NULL};
    ast_node *r = ast_strip_casts(n->kids[1]);
    return r && r->kind == AST_REF && r->var == m ? place_of(A, n->kids[0]) : (place){NULL, NULL};
}

/* A store `*(c...) = m` in g, on every path from the entry to the exit but those that refuse
   (returns_refusal; *refuses set when there is one): the first such store, or NULL. `mark` is
   scratch of g->nblocks entries, all false on entry and on return. */
static const ast_node *stores_on_every_path(fl_arena *A, const ast_func *fn, const cfg *g, const ast_var *c,
                                            const ast_var *m, bool *mark, fl_u32_vec *stack, bool *refuses)
{
    const ast_node *first = NULL;
    *refuses = false;
    for (uint32_t b = 0; b < g->nblocks; b++)
        for (uint32_t e = 0; e < g->blocks[b].nelems; e++) {
            const ast_node *n = g->blocks[b].elems[e].node;
            place to = stored_into(A, &g->blocks[b].elems[e], m);
            /* through c's pointee (`q->tail->next`), not c itself; into a global container anywhere */
            if (to.root == c && to.path && (strchr(to.path, '*') || c->storage == STORAGE_GLOBAL)) {
                mark[b] = true;
                if (!first || n->span.begin < first->span.begin)
                    first = n;
            }
        }
    if (!first)
        return NULL;
    bool *stores = fl_arena_memdup(A, mark, g->nblocks * sizeof *mark); /* mark is the walk's from here */
    /* can the exit be reached without passing a store, other than by refusing? */
    bool exit_reached = false;
    stack->len = 0;
    if (!mark[g->entry]) {
        mark[g->entry] = true;
        fl_vec_push(stack, g->entry);
    }
    while (stack->len && !exit_reached) {
        uint32_t b = stack->items[--stack->len];
        if (returns_refusal(fn, g, &g->blocks[b], stores)) {
            *refuses = true;
            continue;
        }
        for (uint32_t s = 0; s < g->blocks[b].nsuccs; s++) {
            uint32_t t = g->blocks[b].succs[s];
            if (t == g->exit)
                exit_reached = true;
            if (!mark[t]) {
                mark[t] = true;
                fl_vec_push(stack, t);
            }
        }
    }
    memset(mark, 0, g->nblocks * sizeof *mark);
    return exit_reached ? NULL : first;
}

/* The record a global of type t is (not through a pointer), or NULL. */
static const ast_type *record_of(const ast_type *t)
{
    t = ast_type_strip(t);
    return t && t->kind == TYPE_RECORD ? t : NULL;
}

/* The globals of record c into which g stores m (`q.tail = j;`, `q.tail->next = j;`), or for
   c == &bare_globals the bare global pointers to m's elements (`tail->next = m; tail = m;`):
   added to conts (at most 8, no duplicates). */
static void global_stores_of(fl_arena *A, const cfg *g, const ast_var *m, const ast_type *c, const ast_var **conts,
                             uint32_t *nc)
{
    const ast_type *elem = pointee_elem(m->type);
    for (uint32_t b = 0; b < g->nblocks; b++)
        for (uint32_t e = 0; e < g->blocks[b].nelems && *nc < 8; e++) {
            place to = stored_into(A, &g->blocks[b].elems[e], m);
            if (!to.root || (c == &bare_globals ? !bare_queue_global(to.root, elem)
                                                : to.root->storage != STORAGE_GLOBAL ||
                                                      !same_record(record_of(to.root->type), c)))
                continue;
            bool dup = false;
            for (uint32_t x = 0; x < *nc; x++)
                dup |= conts[x] == to.root;
            if (!dup)
                conts[(*nc)++] = to.root;
        }
}

uint32_t chan_infer(fl_arena *arena, const ast_tu *tu, cfg *const *cfgs, const sum_table *sums, sum_sender **out)
{
    *out = NULL;
    uint32_t nf = tu->nfuncs;
    if (!nf || !cfgs)
        return 0;
    bool *threaded = calloc(nf, sizeof *threaded);
    popped_vec pv = {0};
    freed_vec fv = {0};
    global_takes gt = {FL_NEW_ARRAY(arena, const ast_type *, nf), FL_NEW_ARRAY(arena, bool, nf)};
    if (mark_threaded(tu, cfgs, sums, threaded))
        for (uint32_t f = 0; f < nf; f++)
            if (threaded[f] && cfgs[f])
                find_freed_pops(arena, cfgs, &gt, tu->funcs[f], sums, &pv, &fv);
    free(threaded);
    fl_vec_free(&pv);
    if (!fv.len) {
        fl_vec_free(&fv);
        return 0;
    }
    FL_VEC(sum_sender) senders = {0};
    fl_u32_vec stack = {0};
    for (uint32_t f = 0; f < nf; f++) {
        const ast_func *fn = tu->funcs[f];
        const cfg *g = cfgs[f];
        if (!g || !fn->self || fn->self->def != fn || !fn->nparams)
            continue;
        bool *mark = NULL;
        for (uint32_t mi = 0; mi < fn->nparams; mi++) {
            const ast_type *elem = pointee_elem(fn->params[mi]->type);
            /* the containers: push's other parameters, then the globals it stores the element in */
            const ast_var *conts[8];
            uint32_t nc = 0;
            for (uint32_t ci = 0; elem && ci < fn->nparams && nc < 8; ci++)
                if (ci != mi && pointee_record(fn->params[ci]->type))
                    conts[nc++] = fn->params[ci];
            for (uint32_t k = 0; elem && k < fv.len && nc < 8; k++)
                if ((fv.items[k].pop || fv.items[k].cont == &bare_globals) && fv.items[k].cont &&
                    same_record(fv.items[k].elem, elem))
                    global_stores_of(arena, g, fn->params[mi], fv.items[k].cont, conts, &nc);
            for (uint32_t ci = 0; ci < nc; ci++) {
                bool global = conts[ci]->storage == STORAGE_GLOBAL;
                const ast_type *c = global ? record_of(conts[ci]->type) : pointee_record(conts[ci]->type);
                if (global && !c && bare_queue_global(conts[ci], elem))
                    c = &bare_globals;
                const freed_pop *fp = NULL;
                for (size_t k = 0; c && !same_record(c, elem) && k < fv.len && !fp; k++) {
                    const freed_pop *x = &fv.items[k];
                    if (!same_record(x->elem, elem) || x->pop == fn->self || x->consumer == fn)
                        continue;
                    /* a pop through a parameter (global: none), a pop from a global, a take in place */
                    bool from = x->pop && !x->cont ? !global && pops_from(x->pop, c) : same_record(x->cont, c);
                    if (from)
                        fp = x;
                }
                if (!fp)
                    continue;
                if (!mark)
                    mark = calloc(g->nblocks, sizeof *mark);
                bool refuses;
                const ast_node *st = stores_on_every_path(arena, fn, g, conts[ci], fn->params[mi], mark, &stack, &refuses);
                if (st) {
                    sum_sender s = {fn->self, mi, conts[ci], st, fp->pop, fp->cont, fp->consumer, fp->free_call,
                                    refuses};
                    fl_vec_push(&senders, s);
                    break;
                }
            }
        }
        free(mark);
    }
    fl_vec_free(&stack);
    fl_vec_free(&fv);
    uint32_t n = (uint32_t)senders.len;
    if (n) {
        *out = FL_NEW_ARRAY(arena, sum_sender, n);
        memcpy(*out, senders.items, n * sizeof **out);
    }
    fl_vec_free(&senders);
    return n;
}

const sum_sender *chan_sender_of(const sum_table *sums, const ast_callee *push, uint32_t param)
{
    for (uint32_t i = 0; sums && push && i < sums->nsenders; i++)
        if (sums->senders[i].push == push && sums->senders[i].param == param)
            return &sums->senders[i];
    return NULL;
}

bool chan_push_refuses(const sum_table *sums, const ast_callee *push)
{
    for (uint32_t i = 0; sums && push && i < sums->nsenders; i++)
        if (sums->senders[i].push == push && sums->senders[i].refuses)
            return true;
    return false;
}
