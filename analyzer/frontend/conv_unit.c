/* conv_unit.c - the unit: which functions are converted, and the order of the steps.
 *
 * Only functions defined in the main file are converted (every unit would redo the ones in
 * headers); their callees, the unit's globals and types come along as the bodies name them,
 * and are completed once every body is converted. */
#include "conv.h"

#include <stdint.h>

#include "cxstr.h"

static ast_func *conv_func(conv *cv, CXCursor c)
{
    ast_func *fn = FL_NEW(cv->a, ast_func);
    fn->name = cxstr_arena(cv->a, clang_getCursorSpelling(c));
    fn->span = conv_range_span(cv, clang_getCursorExtent(c));
    fn->name_span = conv_name_span(cv, c, fn->name);
    fn->is_static = clang_Cursor_getStorageClass(c) == CX_SC_Static;
    fn->in_main_file = true;

    cv->fnvars.len = 0;
    cv->scope_vars.len = 0;
    cv->scope_base = SIZE_MAX;
    int np = clang_Cursor_getNumArguments(c);
    for (int i = 0; i < np; i++) {
        CXCursor p = clang_Cursor_getArgument(c, (unsigned)i);
        ast_var *v = conv_new_var(cv, p, STORAGE_PARAM);
        conv_add_fn_var(cv, v);
        cmap_put(&cv->vars, clang_getCanonicalCursor(p), v);
    }
    fn->nparams = np > 0 ? (uint32_t)np : 0;
    fn->params = fn->nparams ? fl_arena_memdup(cv->a, cv->fnvars.items, fn->nparams * sizeof(ast_var *)) : NULL;

    size_t b = conv_collect_kids(cv, c), k = cv->cs.len - b;
    size_t body = SIZE_MAX;
    for (size_t i = 0; i < k; i++)
        if (cv->cs.items[b + i].kind == CXCursor_CompoundStmt)
            body = b + i;
    if (body != SIZE_MAX)
        fn->body = conv_tree(cv, cv->cs.items[body]);
    cv->cs.len = b;
    if (!fn->body) {
        fn->body = FL_NEW(cv->a, ast_node);
        fn->body->kind = AST_COMPOUND;
        fn->body->span = fn->span;
        fn->body->scope = FL_NEW(cv->a, ast_scope);
    }
    fn->nvars = (uint32_t)cv->fnvars.len;
    fn->vars = fn->nvars ? fl_arena_memdup(cv->a, cv->fnvars.items, fn->nvars * sizeof(ast_var *)) : NULL;
    return fn;
}

typedef struct top_decls {
    conv *cv;
    FL_VEC(CXCursor) vars; /* file-scope variables defined in the main file */
} top_decls;

static enum CXChildVisitResult top_cb(CXCursor c, CXCursor parent, CXClientData data)
{
    top_decls *td = data;
    conv *cv = td->cv;
    if (c.kind != CXCursor_FunctionDecl && c.kind != CXCursor_VarDecl)
        return CXChildVisit_Continue;
    /* Functions whose definition is expanded in the main file count as its own, macro-generated
       ones included; definitions in headers are not converted (every unit would redo them).
       Where first: most top-level declarations are the headers', and asking whether one is a
       definition walks its redeclarations. */
    CXFile f = NULL;
    clang_getExpansionLocation(clang_getCursorLocation(c), &f, NULL, NULL, NULL);
    bool in_main = cv->u->main_cxfile ? (f && clang_File_isEqual(f, cv->u->main_cxfile))
                                      : clang_Location_isFromMainFile(clang_getCursorLocation(c));
    if (!in_main || !clang_isCursorDefinition(c))
        return CXChildVisit_Continue;
    if (c.kind == CXCursor_VarDecl)
        fl_vec_push(&td->vars, c);
    else
        fl_vec_push(&cv->cs, c);
    return CXChildVisit_Continue;
}

ast_tu *fe_unit_ast(fe_unit *u)
{
    if (u->ast)
        return u->ast;
    conv cv = {0};
    cv.u = u;
    cv.a = u->arena;
    cv.fm = (filemap){.tu = u->tu, .sm = u->sm, .dir = u->directory};
    cv.scope_base = SIZE_MAX;

    ast_tu *tu = FL_NEW(u->arena, ast_tu);
    tu->arena = u->arena;
    tu->main_file = u->main_file;

    top_decls td = {&cv, {0}};
    clang_visitChildren(clang_getTranslationUnitCursor(u->tu), top_cb, &td);
    size_t nf = cv.cs.len;
    FL_VEC(ast_func *) funcs = {0};
    for (size_t i = 0; i < nf; i++) {
        CXCursor fc = cv.cs.items[i];
        /* Its callee first: a body calling itself, or a later one calling it, shares it. */
        fninfo *fi = conv_fn_info(&cv, fc);
        conv_fn_ref(fi, fc);
        ast_func *fn = conv_func(&cv, fc);
        fn->self = fi->callee;
        fn->index = (uint32_t)funcs.len;
        fi->callee->def = fn;
        fl_vec_push(&funcs, fn);
    }
    cv.cs.len = 0;
    /* The `static` functions of headers that the unit's functions call, and those they call:
       a `static inline` spawn wrapper or lock helper (xz's mythread_create) only has its body
       there. They are converted for what they do for their callers, not to be checked (every
       unit including the header has its own copy): in_main_file is false. */
    for (size_t k = 0; k < cv.fnlist.len; k++) {
        fninfo *fi = cv.fnlist.items[k];
        if (fi->callee->def)
            continue;
        CXCursor def = clang_getCursorDefinition(fi->decl);
        if (clang_Cursor_isNull(def) || def.kind != CXCursor_FunctionDecl ||
            clang_getCursorLinkage(def) != CXLinkage_Internal)
            continue;
        conv_fn_ref(fi, def);
        ast_func *fn = conv_func(&cv, def);
        fn->in_main_file = false;
        fn->self = fi->callee;
        fn->index = (uint32_t)funcs.len;
        fi->callee->def = fn;
        fl_vec_push(&funcs, fn);
    }
    tu->nfuncs = (uint32_t)funcs.len;
    tu->funcs = funcs.len ? fl_arena_memdup(u->arena, funcs.items, funcs.len * sizeof *funcs.items) : NULL;
    fl_vec_free(&funcs);
    for (size_t i = 0; i < td.vars.len; i++)
        conv_var_inits(&cv, td.vars.items[i]);
    fl_vec_free(&td.vars);
    conv_finish_callees(&cv, tu);
    conv_finish_inits(&cv, tu);
    conv_finish_views(&cv);
    tu->ntypes = cv.ntypes;
    tu->nglobals = (uint32_t)cv.globals.len;
    tu->globals = tu->nglobals ? fl_arena_memdup(u->arena, cv.globals.items, tu->nglobals * sizeof(ast_var *)) : NULL;

    fl_vec_free(&cv.cs);
    fl_vec_free(&cv.ns);
    fl_vec_free(&cv.frames);
    fl_vec_free(&cv.scope_vars);
    fl_vec_free(&cv.fnvars);
    fl_vec_free(&cv.globals);
    cmap_free(&cv.vars);
    cmap_free(&cv.fns);
    fl_vec_free(&cv.fnlist);
    cmap_free(&cv.tdecl);
    cmap_free(&cv.tdecl_const);
    free(cv.tother.e);
    fl_vec_free(&cv.views);
    fl_vec_free(&cv.tpending);
    fl_vec_free(&cv.tlayers);
    fl_vec_free(&cv.atexts);
    fl_vec_free(&cv.aspans);
    fl_vec_free(&cv.inits);
    fl_vec_free(&cv.desig);
    u->ast = tu;
    return tu;
}
