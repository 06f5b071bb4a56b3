/* lvalue.c - the accesses a body makes to its lvalues, and the fields places end in (lvalue.h). */
#include "lvalue.h"

#include <string.h>

#include "../base/vec.h"

static ast_field *field_in(ast_type *t, const char *name, size_t n, int depth)
{
    t = ast_type_strip(t);
    if (!t || t->kind != TYPE_RECORD || depth > 4)
        return NULL;
    for (uint32_t i = 0; i < t->nfields; i++)
        if (t->fields[i].name && strlen(t->fields[i].name) == n && memcmp(t->fields[i].name, name, n) == 0)
            return &t->fields[i];
    for (uint32_t i = 0; i < t->nfields; i++)
        if (!t->fields[i].name || !t->fields[i].name[0]) {
            ast_field *f = field_in(t->fields[i].type, name, n, depth + 1);
            if (f)
                return f;
        }
    return NULL;
}

ast_field *lv_field_of(ast_type *t, const char *name, size_t n)
{
    return field_in(t, name, n, 0);
}

bool lv_last_field(place p, ast_type **rec, ast_field **fld)
{
    ast_type *t = p.root->type;
    const char *s = p.path;
    *rec = NULL;
    *fld = NULL;
    bool after_star = false;
    while (t && *s) {
        size_t n = place_step_len(s);
        ast_type *u = ast_type_strip(t);
        if (!u)
            return false;
        if (*s == '[' && after_star && u->kind != TYPE_POINTER && u->kind != TYPE_ARRAY) {
            /* `p[i]` is "*[i]": the index offsets the pointer, the type stays the pointee's */
            after_star = false;
            s += n;
            continue;
        }
        after_star = *s == '*';
        if (*s == '*' || *s == '[') {
            if (u->kind != TYPE_POINTER && u->kind != TYPE_ARRAY)
                return false;
            t = u->inner;
            *rec = NULL;
            *fld = NULL;
        } else {
            ast_field *f = lv_field_of(u, s + 1, n - 1);
            if (!f)
                return false;
            *rec = u;
            *fld = f;
            t = f->type;
        }
        s += n;
    }
    return *fld != NULL;
}

bool lv_private(place obj, ast_var *const *fresh, size_t nfresh)
{
    ast_var *r = obj.root;
    if (r->storage == STORAGE_LOCAL || r->storage == STORAGE_PARAM)
        if (obj.path[0] != '*' && obj.path[0] != '[')
            return r->storage == STORAGE_LOCAL || !(r->ty & TY_POINTER);
    if (r->storage != STORAGE_LOCAL)
        return false;
    for (size_t i = 0; i < nfresh; i++)
        if (fresh[i] == r)
            return true;
    return false;
}

bool lv_is_alloc_call(const ast_node *e)
{
    e = ast_strip_casts((ast_node *)e);
    if (!e || e->kind != AST_CALL || !e->name)
        return false;
    static const char *const allocs[] = {"malloc", "calloc", "xmalloc", "xzalloc", "xcalloc", "zalloc",
                                         "xmalloc_cacheline", "xzalloc_cacheline", "aligned_alloc", "xmemdup"};
    for (size_t i = 0; i < sizeof allocs / sizeof *allocs; i++)
        if (strcmp(e->name, allocs[i]) == 0)
            return true;
    return false;
}

bool lv_field_const(const ast_field *f)
{
    const ast_type *t = f->type;
    for (int guard = 0; t && guard < 16; guard++, t = t->inner) {
        if (t->flags & TYPE_F_CONST)
            return true;
        if (t->kind != TYPE_TYPEDEF)
            break;
    }
    return false;
}

/* A pointer to a const-qualified type (through typedefs of the pointer). */
static bool points_to_const(const ast_type *t)
{
    for (int guard = 0; t && t->kind == TYPE_TYPEDEF && guard < 16; guard++)
        t = t->inner;
    return t && t->kind == TYPE_POINTER && t->inner && (t->inner->flags & TYPE_F_CONST);
}

typedef struct walk_item {
    ast_node *n;
    lv_kind k;
} walk_item;

typedef FL_VEC(walk_item) walk_stack;

static void push(walk_stack *st, ast_node *n, lv_kind k)
{
    if (n) {
        walk_item w = {n, k};
        fl_vec_push(st, w);
    }
}

void lv_walk(ast_node *root, lv_kind k0, const lv_visitor *v)
{
    walk_stack st = {0};
    push(&st, root, k0);
    while (st.len) {
        walk_item w = st.items[--st.len];
        ast_node *n = w.n;
        lv_kind k = w.k;
        /* kids are pushed last first, so that they are visited in order */
        switch (n->kind) {
        case AST_VAR:
            if (n->var && n->nkids && lv_is_alloc_call(n->kids[0])) {
                if (v->fresh && n->var->storage == STORAGE_LOCAL)
                    v->fresh(v->ctx, n->var);
                if (v->allocated)
                    v->allocated(v->ctx, n);
            }
            break;
        case AST_RETURN:
            if (v->allocated && n->nkids == 1 && lv_is_alloc_call(n->kids[0]))
                v->allocated(v->ctx, n);
            break;
        case AST_BINARY:
            if (n->op >= BIN_ASSIGN && n->op <= BIN_OR_ASSIGN && n->nkids == 2) {
                ast_node *l = ast_strip_parens(n->kids[0]);
                if (n->op == BIN_ASSIGN && l && lv_is_alloc_call(n->kids[1])) {
                    if (v->fresh && l->kind == AST_REF && l->var && l->var->storage == STORAGE_LOCAL)
                        v->fresh(v->ctx, l->var);
                    if (v->allocated)
                        v->allocated(v->ctx, l);
                }
                push(&st, n->kids[1], LV_READ);
                push(&st, n->kids[0], LV_WRITE);
                continue;
            }
            break;
        case AST_UNARY:
            if (n->nkids != 1)
                break;
            if (n->op == UN_ADDR_OF) {
                push(&st, n->kids[0], LV_NONE);
                continue;
            }
            if (n->op == UN_POST_INC || n->op == UN_POST_DEC || n->op == UN_PRE_INC || n->op == UN_PRE_DEC) {
                push(&st, n->kids[0], LV_WRITE);
                continue;
            }
            if (n->op == UN_DEREF) {
                if (v->pointee)
                    v->pointee(v->ctx, n, n->kids[0], k);
                push(&st, n->kids[0], LV_READ);
                continue;
            }
            break;
        case AST_MEMBER:
            if (n->nkids != 1)
                break;
            if (v->lvalue)
                v->lvalue(v->ctx, n, k);
            if (n->flags & AST_F_ARROW) {
                if (v->pointee)
                    v->pointee(v->ctx, n, n->kids[0], k);
                push(&st, n->kids[0], LV_READ);
            } else {
                push(&st, n->kids[0], k); /* s.f accesses s */
            }
            continue;
        case AST_REF:
            if (v->lvalue)
                v->lvalue(v->ctx, n, k);
            continue;
        case AST_INDEX:
            if (n->nkids != 2)
                break;
            push(&st, n->kids[1], LV_READ);
            if (n->kids[0] && (n->kids[0]->ty & TY_ARRAY)) {
                push(&st, n->kids[0], k); /* an element of an array accesses the array */
            } else {
                if (v->pointee)
                    v->pointee(v->ctx, n, n->kids[0], k);
                push(&st, n->kids[0], LV_READ);
            }
            continue;
        case AST_CALL:
            if (!n->callee || !n->callee->param_types || n->nkids < 1)
                break;
            for (uint16_t i = n->nkids; i-- > 1;) {
                ast_node *a = ast_strip_casts(n->kids[i]);
                if (i - 1u < n->callee->nparams && a && a->kind == AST_UNARY && a->op == UN_ADDR_OF && a->nkids == 1 &&
                    points_to_const(n->callee->param_types[i - 1]))
                    push(&st, a->kids[0], LV_ADDR_CONST);
                else
                    push(&st, n->kids[i], LV_READ);
                /* a pointer handed over: the callee reaches what it points to, as with `&x` */
                if (v->pointee && a && (a->kind == AST_REF || a->kind == AST_MEMBER) && (a->ty & TY_POINTER) &&
                    i - 1u < n->callee->nparams)
                    v->pointee(v->ctx, a, a, points_to_const(n->callee->param_types[i - 1]) ? LV_ADDR_CONST : LV_NONE);
            }
            push(&st, n->kids[0], LV_READ);
            continue;
        case AST_PAREN:
            if (n->nkids == 1) {
                push(&st, n->kids[0], k);
                continue;
            }
            break;
        default:
            break;
        }
        for (uint16_t i = n->nkids; i-- > 0;)
            push(&st, n->kids[i], LV_READ);
    }
    fl_vec_free(&st);
}
