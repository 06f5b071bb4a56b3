/* conv_annots.c - fearless's annotations on declarations.
 *
 * `annotate("fearless:...")` attributes (fearless.h) and clang's own thread-safety attributes
 * (conv_tsattr.c) become the same raw texts (ast.h, ast_annots), merged over the declarations
 * of one entity; parameters and types read their flags from those texts. */
#include "conv.h"

#include <string.h>

#define ANNOT_PREFIX "fearless:"
#define ANNOT_PREFIX_LEN (sizeof ANNOT_PREFIX - 1)

static enum CXChildVisitResult annot_cb(CXCursor c, CXCursor parent, CXClientData data)
{
    conv *cv = data;
    if (c.kind == CXCursor_UnexposedAttr) {
        /* clang's own thread-safety attributes, in the same texts */
        const char *t = conv_ts_text(cv, c);
        bool dup = !t;
        for (size_t i = 0; i < cv->atexts.len && !dup; i++)
            dup = !strcmp(cv->atexts.items[i], t);
        if (!dup) {
            fl_vec_push(&cv->atexts, t);
            fl_vec_push(&cv->aspans, conv_range_span(cv, clang_getCursorExtent(c)));
        }
        return CXChildVisit_Continue;
    }
    if (c.kind != CXCursor_AnnotateAttr)
        return CXChildVisit_Continue;
    CXString s = clang_getCursorSpelling(c);
    const char *t = clang_getCString(s);
    if (t && !strncmp(t, ANNOT_PREFIX, ANNOT_PREFIX_LEN)) {
        t += ANNOT_PREFIX_LEN;
        /* Clang copies inherited attributes onto later declarations: keep each text once. */
        bool dup = false;
        for (size_t i = 0; i < cv->atexts.len && !dup; i++)
            dup = !strcmp(cv->atexts.items[i], t);
        if (!dup) {
            fl_vec_push(&cv->atexts, fl_arena_strdup(cv->a, t));
            /* An attribute written through a macro spans the macro's use: where users look. */
            fl_vec_push(&cv->aspans, conv_range_span(cv, clang_getCursorExtent(c)));
        }
    }
    clang_disposeString(s);
    return CXChildVisit_Continue;
}

/* The fearless annotations on the declarations ds[0..nd) of one entity, merged, in the order
   met. With spans_out, their spans go there (an array of at least as many entries as texts;
   the caller sizes it with ANNOT_MAX). clang_Cursor_hasAttrs spares the visit of declarations
   without attributes, which is nearly all of them. Not reentrant: the collection buffers are
   shared, and nothing below visits types. */
ast_annots conv_decl_annots(conv *cv, const CXCursor *ds, unsigned nd, fl_span *spans_out)
{
    cv->atexts.len = cv->aspans.len = 0;
    for (unsigned i = 0; i < nd; i++) {
        bool seen = clang_Cursor_isNull(ds[i]);
        for (unsigned j = 0; j < i && !seen; j++)
            seen = clang_equalCursors(ds[i], ds[j]);
        if (!seen && clang_Cursor_hasAttrs(ds[i]))
            clang_visitChildren(ds[i], annot_cb, cv);
    }
    ast_annots an = {0};
    if (!cv->atexts.len)
        return an;
    an.n = (uint32_t)cv->atexts.len;
    an.texts = fl_arena_memdup(cv->a, cv->atexts.items, an.n * sizeof *an.texts);
    if (cv->aspans.len == an.n)
        an.spans = fl_arena_memdup(cv->a, cv->aspans.items, an.n * sizeof *an.spans);
    if (spans_out)
        for (size_t i = 0; i < cv->aspans.len && i < ANNOT_MAX; i++)
            spans_out[i] = cv->aspans.items[i];
    return an;
}

uint16_t conv_param_flags(ast_annots an)
{
    uint16_t f = 0;
    for (uint32_t i = 0; i < an.n; i++) {
        const char *t = an.texts[i];
        if (!strcmp(t, "move"))
            f |= PARAM_MOVE;
        else if (!strcmp(t, "sends"))
            f |= PARAM_SENDS | PARAM_MOVE;
        else if (!strcmp(t, "thread_fn"))
            f |= PARAM_THREAD_FN;
        else if (!strcmp(t, "thread_arg"))
            f |= PARAM_THREAD_ARG;
        else if (!strcmp(t, "thread_handle"))
            f |= PARAM_THREAD_HANDLE;
        else if (!strcmp(t, "joins"))
            f |= PARAM_JOINS;
    }
    return f;
}

/* TYPE_F_SEND... from a record's or typedef's annotations; annot_span: the first of them. */
void conv_type_annots(conv *cv, ast_type *ty, const CXCursor *ds, unsigned nd)
{
    fl_span spans[ANNOT_MAX];
    ty->annots = conv_decl_annots(cv, ds, nd, spans);
    for (uint32_t i = 0; i < ty->annots.n; i++) {
        const char *t = ty->annots.texts[i];
        uint16_t f = !strcmp(t, "send") ? TYPE_F_SEND
                     : !strcmp(t, "sync") ? TYPE_F_SYNC
                     : !strcmp(t, "not_send") ? TYPE_F_NOT_SEND
                     : !strcmp(t, "not_sync") ? TYPE_F_NOT_SYNC : 0;
        if (!f)
            continue;
        if (!(ty->flags & (TYPE_F_SEND | TYPE_F_SYNC | TYPE_F_NOT_SEND | TYPE_F_NOT_SYNC)) && i < ANNOT_MAX)
            ty->annot_span = spans[i];
        ty->flags |= f;
    }
}
