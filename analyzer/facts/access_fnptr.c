/* access_fnptr.c - calls through function pointers, and where functions are stored (see access_impl.h). */
#include "access_impl.h"

#include <string.h>

#include "../ir/cond.h"
#include "../ir/place.h"

/* A type's name without a leading "const " (const views are separate ast_types). */
static const char *unqual_name(const ast_type *t)
{
    const char *n = t->name ? t->name : "";
    while (strncmp(n, "const ", 6) == 0)
        n += 6;
    return n;
}

/* Structural identity after stripping typedefs and qualifiers. Function types are told apart by
   spelling only (which typedefs change), so any two are taken as the same: lenient there. */
static bool same_type(const ast_type *a, const ast_type *b, int depth)
{
    a = ast_type_strip(a);
    b = ast_type_strip(b);
    if (!a || !b || a == b || depth > 8)
        return true;
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case TYPE_POINTER:
    case TYPE_ARRAY:
        return same_type(a->inner, b->inner, depth + 1);
    case TYPE_VOID:
    case TYPE_FUNCTION:
        return true;
    default:
        return strcmp(unqual_name(a), unqual_name(b)) == 0;
    }
}

/* The declared type of an lvalue expression when it is simple to know, else NULL. */
static const ast_type *expr_type(const ast_node *e, int depth)
{
    e = ast_strip_parens((ast_node *)e);
    if (!e || depth > 16)
        return NULL;
    const ast_type *t;
    switch (e->kind) {
    case AST_REF:
        return e->var ? e->var->type : NULL;
    case AST_MEMBER:
        if (!e->nkids || !e->name)
            return NULL;
        t = ast_type_strip(expr_type(e->kids[0], depth + 1));
        if (t && (e->flags & AST_F_ARROW))
            t = t->kind == TYPE_POINTER ? ast_type_strip(t->inner) : NULL;
        if (!t || t->kind != TYPE_RECORD)
            return NULL;
        for (uint32_t i = 0; i < t->nfields; i++)
            if (t->fields[i].name && strcmp(t->fields[i].name, e->name) == 0)
                return t->fields[i].type;
        return NULL;
    case AST_INDEX:
        if (!e->nkids)
            return NULL;
        t = ast_type_strip(expr_type(e->kids[0], depth + 1));
        return t && (t->kind == TYPE_ARRAY || t->kind == TYPE_POINTER) ? t->inner : NULL;
    case AST_UNARY:
        if (e->op != UN_DEREF || !e->nkids)
            return NULL;
        t = ast_type_strip(expr_type(e->kids[0], depth + 1));
        return t && t->kind == TYPE_POINTER ? t->inner : NULL;
    default:
        return NULL;
    }
}

/* Whether argument a may be passed for a parameter of type pt. */
static bool arg_fits(const ast_node *a, const ast_type *pt)
{
    const ast_type *p = ast_type_strip(pt);
    if (!a || !p)
        return true;
    const ast_node *s = ast_strip_parens((ast_node *)a);
    switch (p->kind) {
    case TYPE_POINTER: {
        if (!(a->ty & (TY_POINTER | TY_ARRAY | TY_FUNCTION)))
            return s->kind == AST_LITERAL && s->name && strcmp(s->name, "0") == 0; /* null pointer */
        const ast_type *want_fn = ast_type_strip(p->inner);
        /* a function (`handler`, `&handler`) only fits a pointer to a function, or `void *` */
        const ast_node *f = s->kind == AST_UNARY && s->op == UN_ADDR_OF && s->nkids ? ast_strip_parens(s->kids[0]) : s;
        if (f && f->kind == AST_REF && (f->flags & AST_F_FUNC_REF))
            return !want_fn || want_fn->kind == TYPE_FUNCTION || want_fn->kind == TYPE_VOID;
        const ast_type *pointee = NULL;
        if (s->kind == AST_UNARY && s->op == UN_ADDR_OF && s->nkids)
            pointee = expr_type(s->kids[0], 0);
        else {
            const ast_type *at = ast_type_strip(expr_type(s, 0));
            if (at && (at->kind == TYPE_POINTER || at->kind == TYPE_ARRAY))
                pointee = at->inner;
        }
        const ast_type *want = ast_type_strip(p->inner);
        const ast_type *have = ast_type_strip(pointee);
        if (!want || !have || want->kind == TYPE_VOID || have->kind == TYPE_VOID)
            return true; /* void * converts to and from any object pointer */
        return same_type(want, have, 0);
    }
    case TYPE_SCALAR:
        return (a->ty & (TY_INT | TY_FLOAT)) != 0 || !a->ty;
    case TYPE_RECORD: {
        if (a->ty && !(a->ty & TY_RECORD))
            return false;
        const ast_type *at = expr_type(s, 0);
        return !at || same_type(at, p, 0);
    }
    default:
        return true;
    }
}

/* The spelling of a type with leading qualifiers dropped ("const char *" -> "char *"). */
static const char *bare_spelling(const char *s, size_t *n)
{
    while (*n && (*s == ' ' || *s == '\t'))
        s++, --*n;
    while (*n >= 6 && strncmp(s, "const ", 6) == 0)
        s += 6, *n -= 6;
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
        --*n;
    return s;
}

static bool is_void_ptr(const char *s, size_t n)
{
    s = bare_spelling(s, &n);
    return n == 6 && strncmp(s, "void *", 6) == 0;
}

/* The function type a call's callee expression has, when it is known (a field or variable of
   pointer-to-function type): its spelling ("char *(struct io_u *)"), or NULL. */
static const char *callee_fn_spelling(const ast_node *call)
{
    const ast_type *t = ast_type_strip(expr_type(call->kids[0], 0));
    if (t && t->kind == TYPE_POINTER)
        t = ast_type_strip(t->inner);
    return t && t->kind == TYPE_FUNCTION && t->name ? t->name : NULL;
}

/* `void *` is no wildcard between function types: a call through a `char *(*)(struct io_u *)`
   cannot reach `void *f(void *)` (the two types are incompatible in C without a cast). False
   when the spelling of the call's function type says `void *` where c has another type, or the
   reverse, for the result or a parameter. */
static bool void_ptrs_agree(const char *spelling, const ast_callee *c)
{
    /* the parameter list: the group the last ')' closes (`int (void (*)(int))`) */
    size_t len = strlen(spelling);
    if (!len || spelling[len - 1] != ')')
        return true;
    const char *open = NULL;
    int depth = 0;
    for (size_t i = len; i-- > 0 && !open;) {
        if (spelling[i] == ')')
            depth++;
        else if (spelling[i] == '(' && --depth == 0)
            open = spelling + i;
    }
    const ast_type *r = ast_type_strip(c->result);
    if (!open || !r)
        return true;
    size_t rn = (size_t)(open - spelling);
    if (is_void_ptr(spelling, rn) != (r->kind == TYPE_POINTER && ast_type_strip(r->inner) &&
                                       ast_type_strip(r->inner)->kind == TYPE_VOID))
        return false;
    const char *p = open + 1;
    for (uint32_t i = 0; i < c->nparams && c->param_types; i++) {
        size_t n = 0; /* up to the next top-level ',' or the closing ')' */
        for (int d = 0; p[n] && !(d == 0 && (p[n] == ',' || p[n] == ')')); n++)
            d += p[n] == '(' ? 1 : p[n] == ')' ? -1 : 0;
        const ast_type *pt = ast_type_strip(c->param_types[i]);
        bool cand_void = pt && pt->kind == TYPE_POINTER && ast_type_strip(pt->inner) &&
                         ast_type_strip(pt->inner)->kind == TYPE_VOID;
        if (is_void_ptr(p, n) != cand_void)
            return false;
        if (p[n] != ',')
            break;
        p += n + 1;
    }
    return true;
}

bool acc_fn_compatible(const ast_node *call, const ast_callee *c)
{
    if (!call || call->kind != AST_CALL || !call->nkids || !c)
        return false;
    uint32_t nargs = (uint32_t)call->nkids - 1;
    if (c->variadic ? nargs < c->nparams : nargs != c->nparams)
        return false;
    const char *sp = callee_fn_spelling(call);
    if (sp && !void_ptrs_agree(sp, c))
        return false;
    const ast_type *r = ast_type_strip(c->result);
    if (r && call->ty) {
        bool void_call = (call->ty & TY_VOID) != 0;
        if (void_call != (r->kind == TYPE_VOID))
            return false;
        if (!void_call && r->kind == TYPE_POINTER && !(call->ty & TY_POINTER))
            return false;
        if (!void_call && r->kind == TYPE_SCALAR && !(call->ty & (TY_INT | TY_FLOAT)))
            return false;
    }
    for (uint32_t i = 0; i < c->nparams && i < nargs; i++)
        if (c->param_types && !arg_fits(call->kids[i + 1], c->param_types[i]))
            return false;
    return true;
}

bool acc_direct_call(const ast_node *n)
{
    if (n->callee)
        return true;
    const ast_node *k = n->nkids ? ast_strip_parens(n->kids[0]) : NULL;
    return k && k->kind == AST_REF && (k->flags & AST_F_FUNC_REF);
}

/* A call of the cleanup routine of glibc's pthread_cleanup_push/pop macros (through their local
   `__cancel_routine`): the routine runs when the thread is cancelled or exits in between, which
   is not modelled, so following it would put it in every thread that merely pushes it
   (glibc's tst-once4: `cl` pushed by two threads, run only by the cancelled one). */
bool accx_cleanup_routine_call(const ast_node *n)
{
    const ast_node *k = n->nkids ? ast_strip_parens(n->kids[0]) : NULL;
    return k && k->kind == AST_REF && k->var && k->var->name && strcmp(k->var->name, "__cancel_routine") == 0;
}

/* ---- where functions go ------------------------------------------------------------------------ */

/* The record type of a member access's base (`x->f`, `x.f`): its name, or NULL. */
static const char *member_record(const ast_node *m)
{
    const ast_type *t = ast_type_strip(expr_type(m->kids[0], 0));
    if (t && (m->flags & AST_F_ARROW))
        t = t->kind == TYPE_POINTER ? ast_type_strip(t->inner) : NULL;
    return t && t->kind == TYPE_RECORD && t->name ? unqual_name(t) : NULL;
}

/* The slot an lvalue (or the callee expression of a call) reads or writes function pointers in:
   a field of a struct type, or a global; NULL for anything else. With `param`, a parameter of
   the current function is the answer instead (*param set, NULL returned). */
const char *accx_fn_slot(ex *x, ast_node *e, int32_t *param)
{
    *param = -1;
    e = ast_strip_casts(e);
    if (e && e->kind == AST_UNARY && e->op == UN_DEREF && e->nkids)
        e = ast_strip_casts(e->kids[0]); /* (*fp)(x) */
    while (e && e->kind == AST_INDEX && e->nkids)
        e = ast_strip_casts(e->kids[0]); /* handlers[i] */
    if (!e)
        return NULL;
    if (e->kind == AST_MEMBER && e->nkids && e->name) {
        const char *r = member_record(e);
        return r ? fl_arena_sprintf(x->A, "f:%s.%s", r, e->name) : NULL;
    }
    if (e->kind == AST_REF && e->var) {
        if (accx_is_shared_storage(e->var))
            return fl_arena_sprintf(x->A, "g:%s", accx_var_key(x, e->var));
        if (accx_own_param(x, e->var))
            *param = (int32_t)e->var->index;
    }
    return NULL;
}

/* What a value gives as functions: a function (`on_msg`, `&on_msg`), or a parameter of the
   current function (*param set). */
static const ast_callee *fn_value(ex *x, ast_node *v, int32_t *param)
{
    *param = -1;
    v = ast_strip_casts(v);
    if (v && v->kind == AST_UNARY && v->op == UN_ADDR_OF && v->nkids)
        v = ast_strip_casts(v->kids[0]);
    if (!v || v->kind != AST_REF)
        return NULL;
    if (v->flags & AST_F_FUNC_REF)
        return v->callee;
    if (accx_own_param(x, v->var) && (v->var->ty & TY_POINTER))
        *param = (int32_t)v->var->index;
    return NULL;
}

void accx_note_flows(ex *x, const ast_node *n)
{
    int32_t fp, sp;
    if (n->kind == AST_BINARY && n->op == BIN_ASSIGN && n->nkids == 2) {
        const ast_callee *what = fn_value(x, n->kids[1], &fp);
        if (!what && fp < 0)
            return;
        const char *to = accx_fn_slot(x, n->kids[0], &sp);
        if (!to)
            return;
        acc_flow f = {x->f, to, NULL, 0, what, fp};
        fl_vec_push(&x->flows, f);
        return;
    }
    if (n->kind != AST_CALL || !n->callee)
        return;
    for (uint16_t i = 1; i < n->nkids; i++) {
        const ast_callee *what = fn_value(x, n->kids[i], &fp);
        if (!what && fp < 0)
            continue;
        acc_flow f = {x->f, NULL, n->callee, (uint32_t)(i - 1), what, fp};
        fl_vec_push(&x->flows, f);
    }
}

static bool is_fn_pointer(const ast_type *t)
{
    t = ast_type_strip(t);
    return t && t->kind == TYPE_POINTER && ast_type_strip(t->inner) && ast_type_strip(t->inner)->kind == TYPE_FUNCTION;
}

/* A local's initializer list storing functions in fields of a struct (`struct task t = {add, 1};`,
   arrays of them too): a flow into each field's slot. Designators are not kept in the tree, so
   a function goes to the field at its position when the list is no longer than the record and
   that field holds function pointers, else to every function-pointer field of the record. */
void accx_note_local_init(ex *x, const ast_var *v, const ast_node *init)
{
    typedef struct item {
        const ast_node *n;
        const ast_type *t;
    } item;
    FL_VEC(item) st = {0};
    fl_vec_push(&st, ((item){init, v->type}));
    for (uint32_t guard = 0; st.len && guard < 4096; guard++) {
        item it = st.items[--st.len];
        const ast_type *t = ast_type_strip(it.t);
        if (!it.n || it.n->kind != AST_INIT_LIST || !t)
            continue;
        if (t->kind == TYPE_ARRAY) {
            for (uint16_t k = 0; k < it.n->nkids; k++)
                fl_vec_push(&st, ((item){it.n->kids[k], t->inner}));
            continue;
        }
        if (t->kind != TYPE_RECORD || !t->name || !t->nfields)
            continue;
        bool positional = it.n->nkids <= t->nfields;
        for (uint16_t k = 0; k < it.n->nkids; k++) {
            ast_node *kid = it.n->kids[k];
            if (kid && kid->kind == AST_INIT_LIST) {
                if (positional)
                    fl_vec_push(&st, ((item){kid, t->fields[k].type}));
                continue;
            }
            int32_t fp;
            const ast_callee *what = fn_value(x, kid, &fp);
            if (!what && fp < 0)
                continue;
            for (uint32_t f = 0; f < t->nfields; f++) {
                if (!is_fn_pointer(t->fields[f].type) || !t->fields[f].name ||
                    (positional && is_fn_pointer(t->fields[k].type) && f != k))
                    continue;
                acc_flow fl = {x->f, fl_arena_sprintf(x->A, "f:%s.%s", unqual_name(t), t->fields[f].name), NULL, 0,
                               what, fp};
                fl_vec_push(&x->flows, fl);
            }
        }
    }
    fl_vec_free(&st);
}

/* What the initializers of the unit's globals store: flows, and functions whose address they take. */
void accx_note_init_flows(ex *x, bool *taken)
{
    const ast_tu *tu = x->in->tu;
    for (uint32_t i = 0; i < tu->nfn_inits; i++) {
        const ast_fn_init *in = &tu->fn_inits[i];
        if (!in->fn)
            continue;
        const char *to;
        if (in->record) {
            const ast_type *r = ast_type_strip(in->record);
            to = r && r->name ? fl_arena_sprintf(x->A, "f:%s.%s", unqual_name(r), in->field) : NULL;
        } else
            to = fl_arena_sprintf(x->A, "g:%s", accx_var_key(x, in->global));
        if (to) {
            acc_flow f = {0, to, NULL, 0, in->fn, -1};
            fl_vec_push(&x->flows, f);
        }
        const ast_func *d = in->fn->def;
        if (d && d->in_main_file && d->index < tu->nfuncs)
            taken[d->index] = true;
        else if (!d && !in->fn->is_static && in->fn->name)
            fl_vec_push(&x->taken_names, in->fn->name);
    }
}
