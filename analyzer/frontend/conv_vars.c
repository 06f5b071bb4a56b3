/* conv_vars.c - variables and the scopes they die with.
 *
 * Locals and parameters are numbered per function (params first, then locals in declaration
 * order); globals referenced from bodies are numbered per unit, created on first use. A scope
 * collects the automatic objects declared directly inside it, for the CFG's scope ends. */
#include "conv.h"

#include <stdint.h>

#include "cxstr.h"

size_t conv_scope_open(conv *cv)
{
    size_t old = cv->scope_base;
    cv->scope_base = cv->scope_vars.len;
    return old;
}

ast_scope *conv_scope_close(conv *cv, size_t old)
{
    ast_scope *s = FL_NEW(cv->a, ast_scope);
    size_t n = cv->scope_vars.len - cv->scope_base;
    s->nvars = (uint32_t)n;
    s->vars = n ? fl_arena_memdup(cv->a, &cv->scope_vars.items[cv->scope_base], n * sizeof(ast_var *)) : NULL;
    cv->scope_vars.len = cv->scope_base;
    cv->scope_base = old;
    return s;
}

void conv_scope_add(conv *cv, ast_var *v)
{
    if (cv->scope_base != SIZE_MAX)
        fl_vec_push(&cv->scope_vars, v);
}



ast_var *conv_new_var(conv *cv, CXCursor d, ast_storage st)
{
    ast_var *v = FL_NEW(cv->a, ast_var);
    v->name = cxstr_arena(cv->a, clang_getCursorSpelling(d));
    CXType t = clang_getCursorType(d);
    v->type_name = cxstr_arena(cv->a, clang_getTypeSpelling(t));
    v->ty = conv_ty_flags(t);
    if (st == STORAGE_PARAM) {
        v->type = conv_param_type(cv, t);
        /* libclang gives a parameter's type as written; `int a[]` is a pointer all the same,
           and naming it does not take the address of an array of this function. */
        if (v->type->kind == TYPE_POINTER && (v->ty & (TY_ARRAY | TY_FUNCTION)))
            v->ty = TY_POINTER;
    } else
        v->type = conv_type_of(cv, t);
    v->storage = st;
    v->span = conv_name_span(cv, d, v->name);
    v->annots = conv_decl_annots(cv, &d, 1, NULL);
    /* The parameter's own annotations; merged over the function's other declarations once
       every body is converted (finish_callees). */
    if (st == STORAGE_PARAM)
        v->param_flags = conv_param_flags(v->annots);
    return v;
}

void conv_add_fn_var(conv *cv, ast_var *v)
{
    v->index = (uint32_t)cv->fnvars.len;
    fl_vec_push(&cv->fnvars, v);
}

/* The ast_var of a file-scope (or block-scope extern) variable, created on first use. */
ast_var *conv_global_var(conv *cv, CXCursor d)
{
    CXCursor canon = clang_getCanonicalCursor(d);
    ast_var *v = cmap_get(&cv->vars, canon);
    if (v)
        return v;
    /* Point at the definition when the unit has one: that is where users look. */
    CXCursor def = clang_getCursorDefinition(canon);
    CXCursor at = clang_Cursor_isNull(def) ? canon : def;
    v = conv_new_var(cv, at, clang_getCursorTLSKind(at) != CXTLS_None ? STORAGE_THREAD_LOCAL : STORAGE_GLOBAL);
    if (clang_getCursorLinkage(at) == CXLinkage_Internal)
        v->flags |= AST_VAR_INTERNAL;
    if (!clang_Cursor_isNull(def))
        v->flags |= AST_VAR_DEFINED;
    if (!clang_Cursor_isNull(def) && !clang_equalCursors(def, canon)) {
        CXCursor ds[2] = {def, canon};
        v->annots = conv_decl_annots(cv, ds, 2, NULL);
    }
    v->index = (uint32_t)cv->globals.len;
    fl_vec_push(&cv->globals, v);
    cmap_put(&cv->vars, canon, v);
    return v;
}
