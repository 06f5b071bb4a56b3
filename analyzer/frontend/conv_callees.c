/* conv_callees.c - called functions: names, noreturn, merged parameter annotations.
 *
 * Every function a body calls or names gets one fninfo (by canonical declaration) while the
 * bodies are converted; its ast_callee is filled in at the end, from every declaration met,
 * because clang copies annotations onto later redeclarations only. */
#include "conv.h"

#include <string.h>

#include "cxstr.h"

fninfo *conv_fn_info(conv *cv, CXCursor d)
{
    CXCursor canon = clang_getCanonicalCursor(d);
    fninfo *fi = cmap_get(&cv->fns, canon);
    if (!fi) {
        fi = FL_NEW(cv->a, fninfo);
        fi->decl = d;
        fi->name = cxstr_arena(cv->a, clang_getCursorSpelling(d));
        fi->noreturn = -1;
        fi->callee = FL_NEW(cv->a, ast_callee);
        fi->callee->name = fi->name;
        cmap_put(&cv->fns, canon, fi);
        fl_vec_push(&cv->fnlist, fi);
    }
    return fi;
}

/* Remember a declaration of fi that a body (or the unit's definition) refers to. */
void conv_fn_ref(fninfo *fi, CXCursor d)
{
    for (unsigned i = 0; i < fi->nrefs; i++)
        if (clang_equalCursors(fi->refs[i], d))
            return;
    if (fi->nrefs < FN_MAX_REFS)
        fi->refs[fi->nrefs++] = d;
}

static bool word_at(const char *t, size_t len, size_t off, const char *w)
{
    size_t n = strlen(w);
    return off + n <= len && memcmp(t + off, w, n) == 0 && (off + n == len || !conv_is_ident_char(t[off + n]));
}

static enum CXChildVisitResult noreturn_attr_cb(CXCursor c, CXCursor parent, CXClientData data)
{
    conv *cv = ((void **)data)[0];
    bool *found = ((void **)data)[1];
    if (c.kind != CXCursor_UnexposedAttr)
        return CXChildVisit_Continue;
    CXFile f = NULL;
    unsigned off = 0;
    clang_getSpellingLocation(clang_getRangeStart(clang_getCursorExtent(c)), &f, NULL, NULL, &off);
    if (!f)
        return CXChildVisit_Continue;
    size_t len;
    const char *t = filemap_text(&cv->fm, filemap_slot(&cv->fm, f), &len);
    if (t && (word_at(t, len, off, "_Noreturn") || word_at(t, len, off, "noreturn") ||
              word_at(t, len, off, "__noreturn__"))) {
        *found = true;
        return CXChildVisit_Break;
    }
    return CXChildVisit_Continue;
}

static bool compute_noreturn(conv *cv, fninfo *fi)
{
    static const char *const known[] = {
        "exit", "_exit", "_Exit", "quick_exit", "abort", "pthread_exit", "thrd_exit",
        "__assert_fail", "__assert_perror_fail", "__assert", "__builtin_unreachable",
        "__builtin_trap", "longjmp", "siglongjmp", "_longjmp", "err", "errx", "verr", "verrx",
        "__stack_chk_fail",
    };
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (!strcmp(fi->name, known[i]))
            return true;
    /* __attribute__((noreturn)) is part of the function type, and clang spells it there. */
    CXString s = clang_getTypeSpelling(clang_getCursorType(fi->decl));
    const char *ts = clang_getCString(s);
    bool r = ts && strstr(ts, "noreturn");
    clang_disposeString(s);
    if (r)
        return true;
    /* _Noreturn and [[noreturn]] are declaration attributes, visible (inherited ones too) as
       unexposed attribute children; recognize them by their spelling. */
    bool found = false;
    void *data[2] = {cv, &found};
    clang_visitChildren(fi->decl, noreturn_attr_cb, data);
    return found;
}

bool conv_fn_noreturn(conv *cv, fninfo *fi)
{
    if (fi->noreturn < 0)
        fi->noreturn = compute_noreturn(cv, fi);
    return fi->noreturn > 0;
}

/* ---- called functions ---- */

/* Fill in fi's ast_callee, merging what every declaration met says (clang copies annotations
   onto later redeclarations, not onto earlier ones a call may have resolved to). */
static void finish_callee(conv *cv, fninfo *fi)
{
    ast_callee *ce = fi->callee;
    CXCursor canon = clang_getCanonicalCursor(fi->decl);
    CXCursor ds[FN_MAX_REFS + 2];
    unsigned nd = 0;
    for (unsigned i = 0; i < fi->nrefs; i++)
        ds[nd++] = fi->refs[i];
    if (!nd)
        ds[nd++] = fi->decl;
    ds[nd++] = canon;
    CXCursor def = clang_getCursorDefinition(canon);
    if (!clang_Cursor_isNull(def))
        ds[nd++] = def;

    /* The parameters as declared by the first declaration with a prototype (`int f();` says
       nothing about them). */
    CXCursor shape = fi->decl;
    for (unsigned i = 0; i < nd && clang_getCursorType(shape).kind != CXType_FunctionProto; i++)
        if (clang_getCursorType(ds[i]).kind == CXType_FunctionProto)
            shape = ds[i];
    CXType ft = clang_getCursorType(shape);
    int np = ft.kind == CXType_FunctionProto ? clang_Cursor_getNumArguments(shape) : 0;
    ce->nparams = np > 0 ? (uint32_t)np : 0;
    ce->variadic = clang_isFunctionTypeVariadic(ft) == 1;
    ce->noreturn = conv_fn_noreturn(cv, fi);
    ce->is_static = clang_getCursorLinkage(canon) == CXLinkage_Internal;
    ce->system = clang_Location_isInSystemHeader(clang_getCursorLocation(canon)) != 0;
    ce->span = conv_name_span(cv, fi->decl, fi->name);
    ce->annots = conv_decl_annots(cv, ds, nd, NULL);
    ce->result = conv_type_of(cv, clang_getResultType(ft));
    if (ce->nparams) {
        ce->param_flags = FL_NEW_ARRAY(cv->a, uint16_t, ce->nparams);
        ce->param_types = FL_NEW_ARRAY(cv->a, ast_type *, ce->nparams);
        ce->param_names = FL_NEW_ARRAY(cv->a, const char *, ce->nparams);
    }
    for (uint32_t i = 0; i < ce->nparams; i++) {
        CXCursor ps[FN_MAX_REFS + 2];
        unsigned nps = 0;
        for (unsigned j = 0; j < nd; j++)
            if (clang_Cursor_getNumArguments(ds[j]) == np)
                ps[nps++] = clang_Cursor_getArgument(ds[j], i);
        ce->param_flags[i] = conv_param_flags(conv_decl_annots(cv, ps, nps, NULL));
        /* the first declaration's names first: annotations sit on the prototype in the header,
           and name its parameters, which the definition may rename */
        CXCursor cp = clang_Cursor_getNumArguments(canon) == np ? clang_Cursor_getArgument(canon, i)
                                                               : clang_getNullCursor();
        for (unsigned j = 0; j <= nps && !ce->param_names[i]; j++) {
            CXCursor pc = j == 0 ? cp : ps[j - 1];
            if (clang_Cursor_isNull(pc))
                continue;
            CXString ns = clang_getCursorSpelling(pc);
            const char *nm = clang_getCString(ns);
            if (nm && *nm)
                ce->param_names[i] = fl_arena_strdup(cv->a, nm);
            clang_disposeString(ns);
        }
        ce->param_types[i] = conv_param_type(cv, clang_getCursorType(clang_Cursor_getArgument(shape, i)));
    }
}

/* Every callee's fields, then the parameters of the unit's definitions get the merged flags. */
void conv_finish_callees(conv *cv, ast_tu *tu)
{
    for (size_t i = 0; i < cv->fnlist.len; i++)
        finish_callee(cv, cv->fnlist.items[i]);
    tu->ncallees = (uint32_t)cv->fnlist.len;
    tu->callees = tu->ncallees ? FL_NEW_ARRAY(cv->a, ast_callee *, tu->ncallees) : NULL;
    for (size_t i = 0; i < cv->fnlist.len; i++) {
        tu->callees[i] = cv->fnlist.items[i]->callee;
        tu->callees[i]->index = (uint32_t)i;
    }
    for (uint32_t i = 0; i < tu->nfuncs; i++) {
        ast_func *fn = tu->funcs[i];
        if (fn->self->nparams != fn->nparams)
            continue; /* K&R definitions */
        for (uint32_t p = 0; p < fn->nparams; p++)
            fn->params[p]->param_flags |= fn->self->param_flags[p];
    }
}
