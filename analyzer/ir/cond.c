/* cond.c - reading branch conditions and call results (see cond.h). */
#include "cond.h"

#include <string.h>

#include "../base/vec.h"

bool cond_is_nonzero_constant(const ast_node *e)
{
    e = ast_strip_casts((ast_node *)e);
    if (!e)
        return false;
    if (e->kind == AST_UNARY && (e->op == UN_MINUS || e->op == UN_PLUS) && e->nkids == 1)
        return cond_is_nonzero_constant(e->kids[0]);
    if (e->kind == AST_LITERAL && e->name && e->name[0] >= '0' && e->name[0] <= '9')
        return !cond_is_zero(e) && strspn(e->name, "0xXuUlL") != strlen(e->name);
    return e->kind == AST_REF && (e->flags & AST_F_ENUM_REF) && !(e->flags & AST_F_ENUM_ZERO) &&
           !(e->name && strcmp(e->name, "thrd_success") == 0);
}

bool cond_is_zero(const ast_node *e)
{
    e = ast_strip_casts((ast_node *)e);
    if (!e)
        return false;
    if (e->kind == AST_LITERAL && e->name)
        return strcmp(e->name, "0") == 0 || strcmp(e->name, "0L") == 0 || strcmp(e->name, "0U") == 0;
    /* an enumerator worth 0, such as C11's thrd_success: `if (thrd_create(...) != thrd_success)`
       (by name too, for trees made without values) */
    return e->kind == AST_REF && ((e->flags & AST_F_ENUM_ZERO) || (e->name && strcmp(e->name, "thrd_success") == 0));
}

ast_node *cond_strip_zero_tests(ast_node *c, bool *true_means_zero)
{
    for (;;) {
        c = ast_strip_casts(c);
        if (!c)
            return NULL;
        if (c->kind == AST_UNARY && c->op == UN_LNOT) {
            *true_means_zero = !*true_means_zero;
            c = c->kids[0];
        } else if (c->kind == AST_BINARY && (c->op == BIN_NE || c->op == BIN_EQ) &&
                   (cond_is_zero(c->kids[1]) || cond_is_zero(c->kids[0]))) {
            if (c->op == BIN_EQ)
                *true_means_zero = !*true_means_zero;
            /* `0 == x` as well as `x == 0`; `0 == 0` keeps the left one, as good as any */
            c = cond_is_zero(c->kids[1]) ? c->kids[0] : c->kids[1];
        } else {
            return c;
        }
    }
}

ast_node *cond_tested_value(ast_node *c, bool *true_means_zero)
{
    *true_means_zero = false;
    for (;;) {
        c = cond_strip_zero_tests(c, true_means_zero);
        if (!c || c->kind != AST_BINARY || c->op != BIN_ASSIGN)
            return c;
        /* The assigned value is what is tested. A call on the right is named by the call
           itself (its status is what the checks track); otherwise the variable assigned. */
        ast_node *r = ast_strip_casts(c->kids[1]);
        c = r && r->kind == AST_CALL ? r : c->kids[0];
    }
}

place cond_result_place(fl_arena *arena, const cfg_block *b, uint32_t at, const ast_node *call)
{
    /* The CFG puts a call before the declaration or assignment that consumes it, in the same
       block: scan forward from the call for its consumer. */
    for (uint32_t i = at + 1; i < b->nelems; i++) {
        const cfg_elem *el = &b->elems[i];
        ast_node *n = el->node;
        if (el->kind == CFG_DECL && n && n->nkids && ast_strip_casts(n->kids[0]) == call)
            return (place){el->var, ""};
        if (el->kind == CFG_EXPR && n->kind == AST_BINARY && n->op == BIN_ASSIGN &&
            ast_strip_casts(n->kids[1]) == call)
            return place_of(arena, n->kids[0]);
    }
    return (place){NULL, NULL};
}

ast_node *cond_stored_value(const cfg_elem *el, ast_var **var)
{
    *var = NULL;
    if (el->kind == CFG_DECL && el->node && el->node->nkids) {
        *var = el->var;
        return el->node->kids[0];
    }
    if (el->kind == CFG_EXPR && el->node->kind == AST_BINARY && el->node->op == BIN_ASSIGN) {
        ast_node *l = ast_strip_parens(el->node->kids[0]);
        *var = l->kind == AST_REF ? l->var : NULL;
        return el->node->kids[1];
    }
    return NULL;
}

ast_node *cond_written_lvalue(const cfg_elem *el)
{
    return el->kind == CFG_EXPR ? cond_node_written_lvalue(el->node) : NULL;
}

ast_node *cond_node_written_lvalue(const ast_node *n)
{
    if (!n || !n->nkids)
        return NULL;
    bool assigns = n->kind == AST_BINARY && n->op >= BIN_ASSIGN && n->op <= BIN_OR_ASSIGN;
    bool steps = n->kind == AST_UNARY && n->op >= UN_POST_INC && n->op <= UN_PRE_DEC;
    return assigns || steps ? ast_strip_parens(n->kids[0]) : NULL;
}

const ast_var *cond_written_var(const cfg_elem *el)
{
    const ast_node *l = cond_written_lvalue(el);
    return l && l->kind == AST_REF ? l->var : NULL;
}

const ast_var *cond_local_write(const ast_func *fn, const cfg_elem *el, ast_node **val)
{
    ast_var *v;
    *val = cond_stored_value(el, &v);
    const ast_var *w = v ? v : cond_written_var(el);
    if (!w || w->index >= fn->nvars || fn->vars[w->index] != w) {
        *val = NULL;
        return NULL;
    }
    if (v != w)
        *val = NULL;
    return w;
}

ast_node **cond_single_defs(fl_arena *A, const ast_func *fn, const cfg *g)
{
    ast_node **defs = fl_arena_zalloc(A, (fn->nvars + 1) * sizeof *defs);
    uint8_t *count = fl_arena_zalloc(A, fn->nvars + 1);
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            ast_node *val;
            const ast_var *w = cond_local_write(fn, &g->blocks[bi].elems[i], &val);
            if (!w)
                continue;
            if (count[w->index] < 2)
                count[w->index]++;
            defs[w->index] = val;
        }
    for (uint32_t v = 0; v < fn->nvars; v++)
        if (count[v] != 1 || fn->vars[v]->storage != STORAGE_LOCAL || (fn->vars[v]->flags & AST_VAR_ADDRESS_TAKEN))
            defs[v] = NULL;
    return defs;
}

ast_node **cond_local_defs(fl_arena *A, const ast_func *fn, const cfg *g, const ast_var *v, uint32_t *n,
                           bool *bare)
{
    *n = 0;
    *bare = false;
    if (!v || v->storage != STORAGE_LOCAL || (v->flags & AST_VAR_ADDRESS_TAKEN) || v->index >= fn->nvars ||
        fn->vars[v->index] != v)
        return NULL;
    FL_VEC(ast_node *) defs = {0};
    bool stepped = false;
    for (uint32_t bi = 0; bi < g->nblocks && !stepped; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems && !stepped; i++) {
            const cfg_elem *el = &g->blocks[bi].elems[i];
            ast_node *val;
            if (cond_local_write(fn, el, &val) == v) {
                if (val)
                    fl_vec_push(&defs, val);
                else
                    stepped = true;
            } else if (el->kind == CFG_DECL && el->var == v)
                *bare = true;
        }
    ast_node **out = stepped ? NULL : fl_arena_zalloc(A, (defs.len + 1) * sizeof *out);
    if (out && defs.len) {
        memcpy(out, defs.items, defs.len * sizeof *out);
        *n = (uint32_t)defs.len;
    }
    fl_vec_free(&defs);
    return out;
}

ast_node *cond_def_of(const ast_func *fn, ast_node *const *defs, ast_node *e)
{
    ast_node *r = ast_strip_casts(e);
    return r && r->kind == AST_REF && r->var && r->var->index < fn->nvars && fn->vars[r->var->index] == r->var
               ? defs[r->var->index]
               : NULL;
}
