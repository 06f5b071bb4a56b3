/* ast_file.c - a unit's tree as bytes and back (see ast_file.h). */
#include "ast_file.h"

#include <stdlib.h>
#include <string.h>

#include "../base/vec.h"
#include "../base/xalloc.h"

/* ---- numbering the objects ------------------------------------------------------------------- */

/* A pointer -> number map (open addressing); numbers are dense, in the order of first sight. */
typedef struct ptr_ids {
    const void **keys;
    uint32_t *vals;
    size_t cap, n;
    FL_VEC(const void *) order;
} ptr_ids;

static size_t ptr_slot(const void *p, size_t cap)
{
    uintptr_t h = (uintptr_t)p;
    h ^= h >> 17;
    h *= (uintptr_t)0x9E3779B97F4A7C15ull;
    return (size_t)(h >> 7) & (cap - 1);
}

static void ids_grow(ptr_ids *m)
{
    size_t cap = m->cap ? m->cap * 2 : 256;
    const void **keys = fl_xcalloc(cap, sizeof *keys);
    uint32_t *vals = fl_xcalloc(cap, sizeof *vals);
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) {
            size_t s = ptr_slot(m->keys[i], cap);
            while (keys[s])
                s = (s + 1) & (cap - 1);
            keys[s] = m->keys[i];
            vals[s] = m->vals[i];
        }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = cap;
}

/* p's number plus one (0 for NULL), numbering it when new; *fresh says whether it was. */
static uint32_t ids_add(ptr_ids *m, const void *p, bool *fresh)
{
    if (fresh)
        *fresh = false;
    if (!p)
        return 0;
    if (2 * (m->n + 1) > m->cap)
        ids_grow(m);
    size_t s = ptr_slot(p, m->cap);
    while (m->keys[s]) {
        if (m->keys[s] == p)
            return m->vals[s] + 1;
        s = (s + 1) & (m->cap - 1);
    }
    m->keys[s] = p;
    m->vals[s] = (uint32_t)m->n++;
    fl_vec_push(&m->order, p);
    if (fresh)
        *fresh = true;
    return m->vals[s] + 1;
}

static void ids_free(ptr_ids *m)
{
    free(m->keys);
    free(m->vals);
    fl_vec_free(&m->order);
}

typedef struct numbering {
    ptr_ids callees, funcs, vars, nodes;
    bool missing;           /* a reference to an object not numbered (a bug): the bytes are void */
    const ast_type **types; /* by id */
    uint32_t ntypes;
    bool bad;               /* a type whose id is out of range or taken by another */
    FL_VEC(const ast_type *) type_work;
} numbering;

static void see_type(numbering *nb, const ast_type *t)
{
    if (!t)
        return;
    if (t->id >= nb->ntypes) {
        nb->bad = true;
        return;
    }
    if (nb->types[t->id]) {
        nb->bad |= nb->types[t->id] != t;
        return;
    }
    nb->types[t->id] = t;
    fl_vec_push(&nb->type_work, t);
}

static void see_var(numbering *nb, const ast_var *v)
{
    bool fresh;
    ids_add(&nb->vars, v, &fresh);
    if (fresh)
        see_type(nb, v->type);
}

static void see_callee(numbering *nb, const ast_callee *c)
{
    bool fresh;
    ids_add(&nb->callees, c, &fresh);
    if (!fresh)
        return;
    see_type(nb, c->result);
    for (uint32_t i = 0; c->param_types && i < c->nparams; i++)
        see_type(nb, c->param_types[i]);
    ids_add(&nb->funcs, c->def, NULL);
}

/* Number every node of a body, and what the nodes name, without recursion. */
static void see_body(numbering *nb, const ast_node *body)
{
    FL_VEC(const ast_node *) stack = {0};
    fl_vec_push(&stack, body);
    while (stack.len) {
        const ast_node *n = stack.items[--stack.len];
        bool fresh;
        ids_add(&nb->nodes, n, &fresh);
        if (!n || !fresh)
            continue;
        see_var(nb, n->var);
        see_callee(nb, n->callee);
        for (uint32_t i = 0; n->scope && i < n->scope->nvars; i++)
            see_var(nb, n->scope->vars[i]);
        for (uint16_t i = n->nkids; i-- > 0;)
            if (n->kids[i])
                fl_vec_push(&stack, n->kids[i]);
    }
    fl_vec_free(&stack);
}

static void number(numbering *nb, const ast_tu *tu)
{
    nb->ntypes = tu->ntypes;
    nb->types = fl_xcalloc(tu->ntypes + 1, sizeof *nb->types);
    for (uint32_t i = 0; i < tu->ncallees; i++)
        see_callee(nb, tu->callees[i]);
    for (uint32_t i = 0; i < tu->nfuncs; i++)
        ids_add(&nb->funcs, tu->funcs[i], NULL);
    for (uint32_t i = 0; i < tu->nglobals; i++)
        see_var(nb, tu->globals[i]);
    for (uint32_t i = 0; i < tu->nfn_inits; i++) {
        see_type(nb, tu->fn_inits[i].record);
        see_var(nb, tu->fn_inits[i].global);
        see_callee(nb, tu->fn_inits[i].fn);
    }
    for (uint32_t i = 0; i < tu->naddr_inits; i++) {
        see_var(nb, tu->addr_inits[i].global);
        see_var(nb, tu->addr_inits[i].target);
    }
    /* functions met through callees' definitions come after the unit's list; a variable's
       declaring node is in its function's body (numbered then), but is numbered in any case */
    size_t f = 0, v = 0;
    while (f < nb->funcs.order.len || v < nb->vars.order.len) {
        for (; f < nb->funcs.order.len; f++) {
            const ast_func *fn = nb->funcs.order.items[f];
            see_callee(nb, fn->self);
            for (uint32_t i = 0; i < fn->nparams; i++)
                see_var(nb, fn->params[i]);
            for (uint32_t i = 0; i < fn->nvars; i++)
                see_var(nb, fn->vars[i]);
            see_body(nb, fn->body);
        }
        for (; v < nb->vars.order.len; v++)
            see_body(nb, ((const ast_var *)nb->vars.order.items[v])->decl);
    }
    while (nb->type_work.len) {
        const ast_type *t = nb->type_work.items[--nb->type_work.len];
        see_type(nb, t->inner);
        for (uint32_t i = 0; i < t->nfields; i++)
            see_type(nb, t->fields[i].type);
    }
}

static void numbering_free(numbering *nb)
{
    ids_free(&nb->callees);
    ids_free(&nb->funcs);
    ids_free(&nb->vars);
    ids_free(&nb->nodes);
    free(nb->types);
    fl_vec_free(&nb->type_work);
}

/* ---- writing --------------------------------------------------------------------------------- */

/* p's number plus one (0 for NULL); every object was numbered before writing starts */
static uint32_t ref_in(numbering *nb, ptr_ids *m, const void *p)
{
    if (!p)
        return 0;
    size_t s = m->cap ? ptr_slot(p, m->cap) : 0;
    while (m->cap && m->keys[s]) {
        if (m->keys[s] == p)
            return m->vals[s] + 1;
        s = (s + 1) & (m->cap - 1);
    }
    nb->missing = true;
    return 0;
}

#define ref(m, p) ref_in(nb, (m), (p))

static void put_type_ref(fl_bw *w, const ast_type *t)
{
    fl_bw_u(w, t ? (uint64_t)t->id + 1 : 0);
}

static void put_annots(fl_bw *w, const ast_annots *a)
{
    fl_bw_u(w, a->n);
    fl_bw_u(w, a->spans != NULL);
    for (uint32_t i = 0; i < a->n; i++) {
        fl_bw_s(w, a->texts[i]);
        if (a->spans)
            fl_bw_span(w, a->spans[i]);
    }
}

static void put_type(fl_bw *w, const ast_type *t)
{
    fl_bw_u(w, t->kind);
    fl_bw_u(w, t->flags);
    fl_bw_s(w, t->name);
    put_type_ref(w, t->inner);
    fl_bw_u(w, t->nfields);
    for (uint32_t i = 0; i < t->nfields; i++) {
        fl_bw_s(w, t->fields[i].name);
        put_type_ref(w, t->fields[i].type);
        fl_bw_span(w, t->fields[i].span);
        put_annots(w, &t->fields[i].annots);
    }
    fl_bw_span(w, t->span);
    fl_bw_span(w, t->annot_span);
    put_annots(w, &t->annots);
}

static void put_callee(fl_bw *w, numbering *nb, const ast_callee *c)
{
    fl_bw_s(w, c->name);
    fl_bw_span(w, c->span);
    fl_bw_u(w, c->nparams);
    fl_bw_u(w, (c->variadic ? 1u : 0u) | (c->noreturn ? 2u : 0u) | (c->is_static ? 4u : 0u) | (c->system ? 8u : 0u) |
                   (c->param_flags ? 16u : 0u) | (c->param_types ? 32u : 0u) | (c->param_names ? 64u : 0u));
    for (uint32_t i = 0; i < c->nparams; i++) {
        if (c->param_flags)
            fl_bw_u(w, c->param_flags[i]);
        if (c->param_types)
            put_type_ref(w, c->param_types[i]);
        if (c->param_names)
            fl_bw_s(w, c->param_names[i]);
    }
    put_type_ref(w, c->result);
    put_annots(w, &c->annots);
    fl_bw_u(w, ref(&nb->funcs, c->def));
    fl_bw_u(w, c->index);
}

static void put_var(fl_bw *w, numbering *nb, const ast_var *v)
{
    fl_bw_s(w, v->name);
    put_type_ref(w, v->type);
    fl_bw_u(w, v->param_flags);
    put_annots(w, &v->annots);
    fl_bw_s(w, v->type_name);
    fl_bw_u(w, v->ty);
    fl_bw_u(w, v->flags);
    fl_bw_u(w, v->storage);
    fl_bw_u(w, v->index);
    fl_bw_span(w, v->span);
    fl_bw_u(w, ref(&nb->nodes, v->decl));
    fl_bw_s(w, v->home);
}

static void put_node(fl_bw *w, numbering *nb, const ast_node *n)
{
    fl_bw_u(w, n->kind);
    fl_bw_u(w, n->op);
    fl_bw_u(w, n->flags);
    fl_bw_u(w, n->ty);
    fl_bw_u(w, n->loc);
    fl_bw_span(w, n->span);
    fl_bw_s(w, n->name);
    fl_bw_u(w, ref(&nb->vars, n->var));
    fl_bw_u(w, ref(&nb->callees, n->callee));
    fl_bw_u(w, n->scope ? (uint64_t)n->scope->nvars + 1 : 0);
    for (uint32_t i = 0; n->scope && i < n->scope->nvars; i++)
        fl_bw_u(w, ref(&nb->vars, n->scope->vars[i]));
    fl_bw_u(w, n->nkids);
    for (uint16_t i = 0; i < n->nkids; i++)
        fl_bw_u(w, ref(&nb->nodes, n->kids[i]));
}

static void put_vars(fl_bw *w, numbering *nb, ast_var *const *vars, uint32_t n)
{
    fl_bw_u(w, n);
    for (uint32_t i = 0; i < n; i++)
        fl_bw_u(w, ref(&nb->vars, vars[i]));
}

static void put_func(fl_bw *w, numbering *nb, const ast_func *f)
{
    fl_bw_s(w, f->name);
    fl_bw_u(w, ref(&nb->callees, f->self));
    fl_bw_span(w, f->span);
    fl_bw_span(w, f->name_span);
    fl_bw_u(w, (f->is_static ? 1u : 0u) | (f->in_main_file ? 2u : 0u));
    put_vars(w, nb, f->params, f->nparams);
    put_vars(w, nb, f->vars, f->nvars);
    fl_bw_u(w, ref(&nb->nodes, f->body));
    fl_bw_u(w, f->index);
}

bool ast_file_put(fl_bw *w, const ast_tu *tu)
{
    numbering nbs = {0}, *nb = &nbs;
    number(nb, tu);
    if (nb->bad) {
        numbering_free(nb);
        return false;
    }
    fl_bw_span(w, (fl_span){tu->main_file, 0, 0});
    fl_bw_u(w, nb->ntypes);
    for (uint32_t i = 0; i < nb->ntypes; i++) {
        fl_bw_u(w, nb->types[i] != NULL);
        if (nb->types[i])
            put_type(w, nb->types[i]);
    }
    /* counts first: the reader allocates every object before reading references to them */
    fl_bw_u(w, nb->callees.n);
    fl_bw_u(w, nb->funcs.n);
    fl_bw_u(w, nb->vars.n);
    fl_bw_u(w, nb->nodes.n);
    for (size_t i = 0; i < nb->callees.order.len; i++)
        put_callee(w, nb, nb->callees.order.items[i]);
    for (size_t i = 0; i < nb->vars.order.len; i++)
        put_var(w, nb, nb->vars.order.items[i]);
    for (size_t i = 0; i < nb->nodes.order.len; i++)
        put_node(w, nb, nb->nodes.order.items[i]);
    for (size_t i = 0; i < nb->funcs.order.len; i++)
        put_func(w, nb, nb->funcs.order.items[i]);
    fl_bw_u(w, tu->nfuncs);
    for (uint32_t i = 0; i < tu->nfuncs; i++)
        fl_bw_u(w, ref(&nb->funcs, tu->funcs[i]));
    put_vars(w, nb, tu->globals, tu->nglobals);
    fl_bw_u(w, tu->ncallees);
    for (uint32_t i = 0; i < tu->ncallees; i++)
        fl_bw_u(w, ref(&nb->callees, tu->callees[i]));
    fl_bw_u(w, tu->nfn_inits);
    for (uint32_t i = 0; i < tu->nfn_inits; i++) {
        const ast_fn_init *in = &tu->fn_inits[i];
        put_type_ref(w, in->record);
        fl_bw_s(w, in->field);
        fl_bw_u(w, ref(&nb->vars, in->global));
        fl_bw_u(w, ref(&nb->callees, in->fn));
        fl_bw_span(w, in->span);
    }
    fl_bw_u(w, tu->naddr_inits);
    for (uint32_t i = 0; i < tu->naddr_inits; i++) {
        fl_bw_u(w, ref(&nb->vars, tu->addr_inits[i].global));
        fl_bw_u(w, ref(&nb->vars, tu->addr_inits[i].target));
    }
    bool ok = !nb->missing;
    numbering_free(nb);
    return ok;
}

/* ---- reading --------------------------------------------------------------------------------- */

typedef struct reader {
    fl_br *r;
    fl_arena *A;
    ast_type *types;
    uint32_t ntypes;
    ast_callee *callees;
    ast_func *funcs;
    ast_var *vars;
    ast_node *nodes;
    uint32_t ncallees, nfuncs, nvars, nnodes;
} reader;

/* An object by its number plus one, from an array of n objects of `size` bytes; NULL for 0. */
static void *get_ref(reader *rd, void *arr, size_t size, uint32_t n, const char *what)
{
    uint64_t ref = fl_br_u(rd->r);
    if (ref > n) {
        fl_br_fail(rd->r, what);
        return NULL;
    }
    return ref ? (char *)arr + (ref - 1) * size : NULL;
}

#define GET_REF(rd, arr, n, what) get_ref((rd), (arr), sizeof *(arr), (n), (what))

static ast_type *get_type_ref(reader *rd)
{
    ast_type *t = GET_REF(rd, rd->types, rd->ntypes, "a type reference is outside the tree");
    return t;
}

static void get_annots(reader *rd, ast_annots *a)
{
    fl_br *r = rd->r;
    a->n = fl_br_count(r, 1);
    bool spans = fl_br_small(r, 1, "annotation flags are malformed");
    a->texts = a->n ? FL_NEW_ARRAY(rd->A, const char *, a->n) : NULL;
    a->spans = spans && a->n ? FL_NEW_ARRAY(rd->A, fl_span, a->n) : NULL;
    for (uint32_t i = 0; i < a->n && !r->bad; i++) {
        a->texts[i] = fl_br_s(r);
        if (!a->texts[i])
            fl_br_fail(r, "an annotation has no text");
        if (spans)
            a->spans[i] = fl_br_span(r);
    }
}

static void get_type(reader *rd, ast_type *t)
{
    fl_br *r = rd->r;
    t->kind = (uint8_t)fl_br_small(r, TYPE_ATOMIC, "a type kind is unknown");
    t->flags = (uint16_t)fl_br_small(r, UINT16_MAX, "a type's flags are malformed");
    t->name = fl_br_s(r);
    t->inner = get_type_ref(rd);
    t->nfields = fl_br_count(r, 4);
    t->fields = t->nfields ? FL_NEW_ARRAY(rd->A, ast_field, t->nfields) : NULL;
    for (uint32_t i = 0; i < t->nfields && !r->bad; i++) {
        t->fields[i].name = fl_br_s(r);
        t->fields[i].type = get_type_ref(rd);
        t->fields[i].span = fl_br_span(r);
        get_annots(rd, &t->fields[i].annots);
    }
    t->span = fl_br_span(r);
    t->annot_span = fl_br_span(r);
    get_annots(rd, &t->annots);
}

static void get_callee(reader *rd, ast_callee *c)
{
    fl_br *r = rd->r;
    c->name = fl_br_s(r);
    c->span = fl_br_span(r);
    c->nparams = fl_br_count(r, 0);
    if (c->nparams > r->len - r->pos)
        fl_br_fail(r, "a count is larger than the file");
    uint32_t flags = fl_br_small(r, 127, "a callee's flags are malformed");
    if (r->bad)
        return;
    c->variadic = flags & 1;
    c->noreturn = (flags & 2) != 0;
    c->is_static = (flags & 4) != 0;
    c->system = (flags & 8) != 0;
    c->param_flags = flags & 16 ? FL_NEW_ARRAY(rd->A, uint16_t, c->nparams + 1) : NULL;
    c->param_types = flags & 32 ? FL_NEW_ARRAY(rd->A, ast_type *, c->nparams + 1) : NULL;
    c->param_names = flags & 64 ? FL_NEW_ARRAY(rd->A, const char *, c->nparams + 1) : NULL;
    for (uint32_t i = 0; i < c->nparams && !r->bad; i++) {
        if (c->param_flags)
            c->param_flags[i] = (uint16_t)fl_br_small(r, UINT16_MAX, "a parameter's flags are malformed");
        if (c->param_types)
            c->param_types[i] = get_type_ref(rd);
        if (c->param_names)
            c->param_names[i] = fl_br_s(r);
    }
    c->result = get_type_ref(rd);
    get_annots(rd, &c->annots);
    c->def = GET_REF(rd, rd->funcs, rd->nfuncs, "a function reference is outside the tree");
    c->index = fl_br_small(r, UINT32_MAX, "a callee's index is malformed");
}

static void get_var(reader *rd, ast_var *v)
{
    fl_br *r = rd->r;
    v->name = fl_br_s(r);
    v->type = get_type_ref(rd);
    v->param_flags = (uint16_t)fl_br_small(r, UINT16_MAX, "a parameter's flags are malformed");
    get_annots(rd, &v->annots);
    v->type_name = fl_br_s(r);
    v->ty = (uint16_t)fl_br_small(r, UINT16_MAX, "a variable's type flags are malformed");
    v->flags = (uint16_t)fl_br_small(r, UINT16_MAX, "a variable's flags are malformed");
    v->storage = (ast_storage)fl_br_small(r, STORAGE_THREAD_LOCAL, "a storage class is unknown");
    v->index = fl_br_small(r, UINT32_MAX, "a variable's index is malformed");
    v->span = fl_br_span(r);
    v->decl = GET_REF(rd, rd->nodes, rd->nnodes, "a node reference is outside the tree");
    v->home = fl_br_s(r);
}

static ast_var **get_vars(reader *rd, uint32_t *n)
{
    *n = fl_br_count(rd->r, 1);
    ast_var **vars = *n ? FL_NEW_ARRAY(rd->A, ast_var *, *n + 1) : NULL;
    for (uint32_t i = 0; i < *n && !rd->r->bad; i++)
        vars[i] = GET_REF(rd, rd->vars, rd->nvars, "a variable reference is outside the tree");
    return vars;
}

static void get_node(reader *rd, ast_node *n)
{
    fl_br *r = rd->r;
    n->kind = (uint8_t)fl_br_small(r, AST_KIND_COUNT - 1, "a node kind is unknown");
    n->op = (uint8_t)fl_br_small(r, UINT8_MAX, "an operator is malformed");
    n->flags = (uint16_t)fl_br_small(r, UINT16_MAX, "a node's flags are malformed");
    n->ty = (uint16_t)fl_br_small(r, UINT16_MAX, "a node's type flags are malformed");
    n->loc = fl_br_small(r, UINT32_MAX, "a node's location is malformed");
    n->span = fl_br_span(r);
    n->name = fl_br_s(r);
    n->var = GET_REF(rd, rd->vars, rd->nvars, "a variable reference is outside the tree");
    n->callee = GET_REF(rd, rd->callees, rd->ncallees, "a callee reference is outside the tree");
    uint64_t scope = fl_br_u(r);
    if (scope > r->len - r->pos + 1)
        fl_br_fail(r, "a count is larger than the file");
    else if (scope) {
        n->scope = FL_NEW(rd->A, ast_scope);
        n->scope->nvars = (uint32_t)(scope - 1);
        n->scope->vars = FL_NEW_ARRAY(rd->A, ast_var *, n->scope->nvars + 1);
        for (uint32_t i = 0; i < n->scope->nvars && !r->bad; i++)
            n->scope->vars[i] = GET_REF(rd, rd->vars, rd->nvars, "a variable reference is outside the tree");
    }
    n->nkids = (uint16_t)fl_br_small(r, UINT16_MAX, "a node has too many kids");
    if (n->nkids > r->len - r->pos) {
        fl_br_fail(r, "a count is larger than the file");
        n->nkids = 0;
    }
    n->kids = n->nkids ? FL_NEW_ARRAY(rd->A, ast_node *, n->nkids) : NULL;
    for (uint16_t i = 0; i < n->nkids && !r->bad; i++)
        n->kids[i] = GET_REF(rd, rd->nodes, rd->nnodes, "a node reference is outside the tree");
}

static void get_func(reader *rd, ast_func *f)
{
    fl_br *r = rd->r;
    f->name = fl_br_s(r);
    f->self = GET_REF(rd, rd->callees, rd->ncallees, "a callee reference is outside the tree");
    f->span = fl_br_span(r);
    f->name_span = fl_br_span(r);
    uint32_t flags = fl_br_small(r, 3, "a function's flags are malformed");
    f->is_static = flags & 1;
    f->in_main_file = (flags & 2) != 0;
    f->params = get_vars(rd, &f->nparams);
    f->vars = get_vars(rd, &f->nvars);
    f->body = GET_REF(rd, rd->nodes, rd->nnodes, "a node reference is outside the tree");
    f->index = fl_br_small(r, UINT32_MAX, "a function's index is malformed");
    if (!r->bad && (!f->name || !f->body))
        fl_br_fail(r, "a function has no name or no body");
}

ast_tu *ast_file_get(fl_br *r)
{
    fl_arena *A = r->A;
    ast_tu *tu = FL_NEW(A, ast_tu);
    tu->arena = A;
    reader rd = {r, A, NULL, 0, NULL, NULL, NULL, NULL, 0, 0, 0, 0};
    fl_span main = fl_br_span(r);
    tu->main_file = main.file;
    if (!r->bad && !fl_span_valid(main))
        fl_br_fail(r, "the tree names no main file");
    rd.ntypes = tu->ntypes = fl_br_count(r, 1);
    rd.types = FL_NEW_ARRAY(A, ast_type, rd.ntypes + 1);
    for (uint32_t i = 0; i < rd.ntypes; i++)
        rd.types[i].id = i;
    for (uint32_t i = 0; i < rd.ntypes && !r->bad; i++)
        if (fl_br_small(r, 1, "a type's presence is malformed"))
            get_type(&rd, &rd.types[i]);
    rd.ncallees = fl_br_count(r, 4);
    rd.nfuncs = fl_br_count(r, 4);
    rd.nvars = fl_br_count(r, 4);
    rd.nnodes = fl_br_count(r, 4);
    if (r->bad)
        goto out;
    rd.callees = FL_NEW_ARRAY(A, ast_callee, rd.ncallees + 1);
    rd.funcs = FL_NEW_ARRAY(A, ast_func, rd.nfuncs + 1);
    rd.vars = FL_NEW_ARRAY(A, ast_var, rd.nvars + 1);
    rd.nodes = FL_NEW_ARRAY(A, ast_node, rd.nnodes + 1);
    for (uint32_t i = 0; i < rd.ncallees && !r->bad; i++)
        get_callee(&rd, &rd.callees[i]);
    for (uint32_t i = 0; i < rd.nvars && !r->bad; i++)
        get_var(&rd, &rd.vars[i]);
    for (uint32_t i = 0; i < rd.nnodes && !r->bad; i++)
        get_node(&rd, &rd.nodes[i]);
    for (uint32_t i = 0; i < rd.nfuncs && !r->bad; i++)
        get_func(&rd, &rd.funcs[i]);
    tu->nfuncs = fl_br_count(r, 1);
    tu->funcs = FL_NEW_ARRAY(A, ast_func *, tu->nfuncs + 1);
    for (uint32_t i = 0; i < tu->nfuncs && !r->bad; i++) {
        tu->funcs[i] = GET_REF(&rd, rd.funcs, rd.nfuncs, "a function reference is outside the tree");
        if (!r->bad && (!tu->funcs[i] || tu->funcs[i]->index != i))
            fl_br_fail(r, "the unit's functions are out of order");
    }
    tu->globals = get_vars(&rd, &tu->nglobals);
    tu->ncallees = fl_br_count(r, 1);
    tu->callees = FL_NEW_ARRAY(A, ast_callee *, tu->ncallees + 1);
    for (uint32_t i = 0; i < tu->ncallees && !r->bad; i++) {
        tu->callees[i] = GET_REF(&rd, rd.callees, rd.ncallees, "a callee reference is outside the tree");
        if (!r->bad && (!tu->callees[i] || tu->callees[i]->index != i))
            fl_br_fail(r, "the unit's callees are out of order");
    }
    tu->nfn_inits = fl_br_count(r, 4);
    tu->fn_inits = FL_NEW_ARRAY(A, ast_fn_init, tu->nfn_inits + 1);
    for (uint32_t i = 0; i < tu->nfn_inits && !r->bad; i++) {
        ast_fn_init *in = &tu->fn_inits[i];
        in->record = get_type_ref(&rd);
        in->field = fl_br_s(r);
        in->global = GET_REF(&rd, rd.vars, rd.nvars, "a variable reference is outside the tree");
        in->fn = GET_REF(&rd, rd.callees, rd.ncallees, "a callee reference is outside the tree");
        in->span = fl_br_span(r);
    }
    tu->naddr_inits = fl_br_count(r, 2);
    tu->addr_inits = FL_NEW_ARRAY(A, ast_addr_init, tu->naddr_inits + 1);
    for (uint32_t i = 0; i < tu->naddr_inits && !r->bad; i++) {
        tu->addr_inits[i].global = GET_REF(&rd, rd.vars, rd.nvars, "a variable reference is outside the tree");
        tu->addr_inits[i].target = GET_REF(&rd, rd.vars, rd.nvars, "a variable reference is outside the tree");
    }
    /* what the analysis relies on without checking: every global and every variable of a
       function is there */
    for (uint32_t i = 0; i < tu->nglobals && !r->bad; i++)
        if (!tu->globals[i])
            fl_br_fail(r, "a global is missing");
    for (uint32_t f = 0; f < rd.nfuncs && !r->bad; f++)
        for (uint32_t i = 0; i < rd.funcs[f].nvars && !r->bad; i++)
            if (!rd.funcs[f].vars[i] || (i < rd.funcs[f].nparams && !rd.funcs[f].params[i]))
                fl_br_fail(r, "a function's variable is missing");
out:
    return r->bad ? NULL : tu;
}
