/* locks_annots.c - types along a place's path, and the lock expressions of annotations
 * (`requires:acct->lock`, `try_acquire:0, (*result)->mutex`). See locks.h. */
#include "locks_impl.h"

#include <ctype.h>
#include <string.h>

#include "../base/vec.h"
#include "../ir/cond.h"
#include "annots.h"

/* ---- types along a place's path ---------------------------------------------------------- */

/* The type reached from t by one step of a path; NULL when unknown. */
static ast_type *type_step(ast_type *t, const char *s, size_t n)
{
    t = ast_type_strip(t);
    if (!t)
        return NULL;
    if (*s == '*' || *s == '[')
        return (t->kind == TYPE_POINTER || t->kind == TYPE_ARRAY) ? t->inner : NULL;
    if (*s == '.' && t->kind == TYPE_RECORD)
        for (uint32_t i = 0; i < t->nfields; i++)
            if (t->fields[i].name && strlen(t->fields[i].name) == n - 1 && memcmp(t->fields[i].name, s + 1, n - 1) == 0)
                return t->fields[i].type;
    return NULL;
}

static bool is_lock_type(const ast_type *t)
{
    for (int guard = 0; t && guard < 64; guard++) {
        if (t->name && (strstr(t->name, "pthread_mutex_t") || strstr(t->name, "pthread_rwlock_t") ||
                        strstr(t->name, "pthread_spinlock_t") || strcmp(t->name, "mtx_t") == 0))
            return true;
        if (t->kind != TYPE_TYPEDEF && t->kind != TYPE_ATOMIC)
            break;
        t = t->inner;
    }
    return false;
}

static bool record_has_field(ast_type *t, const char *name, size_t n)
{
    t = ast_type_strip(t);
    if (!t || t->kind != TYPE_RECORD)
        return false;
    for (uint32_t f = 0; f < t->nfields; f++)
        if (t->fields[f].name && strlen(t->fields[f].name) == n && memcmp(t->fields[f].name, name, n) == 0)
            return true;
    return false;
}

/* The class of a lock across functions: globals by object, fields by the record type that
   holds them and the field path ("struct account::lock"); NULL when unknown. */
const char *locks_lock_class(fl_arena *A, place p)
{
    if (!p.root || !p.path)
        return NULL;
    if (!ast_var_is_auto(p.root))
        return fl_arena_sprintf(A, "@%s%s#%u", p.root->name ? p.root->name : "?", p.path, p.root->span.begin);
    /* the last dereference: the object the rest of the path lives in */
    const char *last = NULL;
    for (const char *s = p.path; *s; s += place_step_len(s))
        if (*s == '*')
            last = s;
    if (!last || !last[1])
        return NULL; /* a stack lock, or a bare pointer to some lock */
    ast_type *t = p.root->type;
    for (const char *s = p.path; t && s <= last; s += place_step_len(s))
        t = type_step(t, s, place_step_len(s));
    t = ast_type_strip(t);
    if (!t || t->kind != TYPE_RECORD || !t->name)
        return NULL;
    return fl_arena_sprintf(A, "%s::%s", t->name, last[1] == '.' ? last + 2 : last + 1);
}

/* ---- annotations ------------------------------------------------------------------------- */

static ast_var *global_named(const ast_tu *tu, const char *name, size_t n)
{
    for (uint32_t i = 0; tu && i < tu->nglobals; i++) {
        ast_var *g = tu->globals[i];
        if (g && g->name && strlen(g->name) == n && memcmp(g->name, name, n) == 0)
            return g;
    }
    return NULL;
}

bool locks_parse_annot_arg(fl_arena *arena, const ast_tu *tu, const char *text, ast_var *const *params,
                           uint32_t nparams, ast_type *const *param_types, lock_effect *out)
{
    /* squeeze spaces out: the text is the macro argument's tokens */
    char buf[256];
    size_t k = 0;
    for (const char *s = text; *s && k + 1 < sizeof buf; s++)
        if (!isspace((unsigned char)*s))
            buf[k++] = *s;
    buf[k] = '\0';
    const char *s = buf;
    bool addr = false;
    int derefs = 0;
    if (*s == '&') {
        addr = true;
        s++;
    }
    /* `(*result)->mutex`: a lock reached through an out-parameter (OVS's ukey_acquire) */
    int paren_derefs = 0;
    bool paren = *s == '(';
    if (paren) {
        s++;
        while (*s == '*') {
            paren_derefs++;
            s++;
        }
    }
    while (!paren && *s == '*') {
        derefs++;
        s++;
    }
    const char *id = s;
    while (isalnum((unsigned char)*s) || *s == '_')
        s++;
    size_t idn = (size_t)(s - id);
    if (idn == 0 || (paren && (*s != ')' || !paren_derefs)))
        return false;
    if (paren)
        s++;
    /* the steps: ->f and .f only */
    char path[256];
    size_t pn = 0;
    for (int i = 0; i < paren_derefs && pn + 1 < sizeof path; i++)
        path[pn++] = '*';
    const char *first_field = NULL;
    size_t first_fieldn = 0;
    while (*s) {
        const char *f;
        if (s[0] == '-' && s[1] == '>') {
            f = s + 2;
            if (pn + 1 < sizeof path)
                path[pn++] = '*';
        } else if (s[0] == '.') {
            f = s + 1;
        } else {
            return false;
        }
        const char *e = f;
        while (isalnum((unsigned char)*e) || *e == '_')
            e++;
        if (e == f || pn + (size_t)(e - f) + 2 >= sizeof path)
            return false;
        if (!first_field) {
            first_field = f;
            first_fieldn = (size_t)(e - f);
        }
        path[pn++] = '.';
        memcpy(path + pn, f, (size_t)(e - f));
        pn += (size_t)(e - f);
        s = e;
    }
    path[pn] = '\0';
    if (derefs && pn)
        return false; /* `*p->m` : not a form annotations use */

    int32_t param = -1;
    ast_var *global = NULL;
    ast_type *root_type = NULL;
    bool named = false; /* do the parameters have names to match against? */
    if (params) {
        for (uint32_t i = 0; i < nparams; i++) {
            named |= params[i] && params[i]->name;
            if (params[i] && params[i]->name && strlen(params[i]->name) == idn &&
                memcmp(params[i]->name, id, idn) == 0) {
                param = (int32_t)i;
                root_type = params[i]->type;
            }
        }
    }
    if (param < 0)
        global = global_named(tu, id, idn);
    if (param < 0 && !global && !named && param_types) {
        /* No parameter names (a prototype seen only through its callee): the one parameter whose
           type fits, a pointer to a record with that field or, for a bare name, a pointer to a lock. */
        int32_t pick = -1;
        for (uint32_t i = 0; i < nparams; i++) {
            ast_type *t = ast_type_strip(param_types[i]);
            if (!t || t->kind != TYPE_POINTER)
                continue;
            bool fits = first_field ? record_has_field(t->inner, first_field, first_fieldn) : is_lock_type(t->inner);
            if (fits) {
                if (pick >= 0)
                    return false; /* ambiguous */
                pick = (int32_t)i;
            }
        }
        if (pick < 0)
            return false;
        param = pick;
        root_type = param_types[pick];
    }
    if (param < 0 && !global)
        return false;
    if (global)
        root_type = global->type;

    /* What the expression denotes: a pointer to the lock means the lock is its pointee. */
    ast_type *t = root_type;
    for (const char *q = path; t && *q; q += place_step_len(q))
        t = type_step(t, q, place_step_len(q));
    t = ast_type_strip(t);
    bool is_ptr = !addr && t && t->kind == TYPE_POINTER;
    if (!addr && !t && !pn && !derefs && param >= 0 && params && params[param] && (params[param]->ty & TY_POINTER))
        is_ptr = true;
    const char *full = fl_arena_sprintf(arena, "%s%s%s", path, is_ptr ? "*" : "", derefs ? "*" : "");
    if (param >= 0) {
        /* relative to the parameter's value; a lock inside a by-value struct parameter is a copy */
        if (full[0] != '*')
            return false;
        out->param = param;
        out->global = NULL;
    } else {
        out->param = -1;
        out->global = global;
    }
    out->path = full;
    out->site = NULL;
    return true;
}

bool locks_parse_fn_annot_arg(fl_arena *arena, const ast_tu *tu, const char *text, const ast_func *fn,
                              lock_effect *out)
{
    if (locks_parse_annot_arg(arena, tu, text, fn->params, fn->nparams, NULL, out))
        return true;
    const ast_callee *c = fn->self;
    return c &&
           locks_parse_annot_arg(arena, tu, text, ast_callee_param_vars(arena, c, false), c->nparams, c->param_types,
                                 out) &&
           (out->param < 0 || (uint32_t)out->param < fn->nparams);
}
