/* conv_loc.c - where things are: cursor ranges and declaration names as spans.
 *
 * Spans are byte ranges in the file where the code is written; code that comes from a macro
 * maps to where the macro is used (see conv_range_span). */
#include "conv.h"

#include <string.h>

/* Expansion file offset of a location; false when it is in no file. */
bool conv_exp_offset(conv *cv, CXSourceLocation l, file_slot **slot, unsigned *off)
{
    CXFile f = NULL;
    clang_getExpansionLocation(l, &f, NULL, NULL, off);
    if (!f)
        return false;
    *slot = filemap_slot(&cv->fm, f);
    return true;
}

/* Span of a cursor's range. Code written as a macro argument is shown where the argument is
   written (clang_getFileLocation, as clang's own diagnostics do); code from a macro's body has
   no place of its own in the file, so it gets the whole expansion (the macro invocation). */
fl_span conv_range_span(conv *cv, CXSourceRange r)
{
    CXSourceLocation lb = clang_getRangeStart(r), le = clang_getRangeEnd(r);
    CXFile fb = NULL, fe = NULL;
    unsigned b, e;
    clang_getFileLocation(lb, &fb, NULL, NULL, &b);
    clang_getFileLocation(le, &fe, NULL, NULL, &e);
    if (fb && fe && e > b && clang_File_isEqual(fb, fe))
        return (fl_span){filemap_slot(&cv->fm, fb)->id, b, e};
    file_slot *s;
    if (!conv_exp_offset(cv, lb, &s, &b))
        return fl_span_none();
    uint32_t id = s->id;
    file_slot *s2;
    if (!conv_exp_offset(cv, le, &s2, &e) || s2->id != id || e < b)
        e = b;
    return (fl_span){id, b, e};
}

/* The span of a declaration's name: the name token where it is written, else (macro) the
   declaration's expansion. */
fl_span conv_name_span(conv *cv, CXCursor d, const char *name)
{
    CXSourceLocation l = clang_getCursorLocation(d);
    file_slot *s;
    unsigned off;
    if (!(l.int_data & RAW_MACRO_BIT) && conv_exp_offset(cv, l, &s, &off))
        return (fl_span){s->id, off, off + (uint32_t)strlen(name)};
    return conv_range_span(cv, clang_getCursorExtent(d));
}

/* The span of a record's or typedef's name in its declaration; the declaration's location for
   unnamed ones. */
fl_span conv_decl_name_span(conv *cv, CXCursor d)
{
    CXString s = clang_getCursorSpelling(d);
    const char *name = clang_getCString(s);
    fl_span sp;
    if (name && conv_is_identifier(name))
        sp = conv_name_span(cv, d, name);
    else {
        file_slot *slot;
        unsigned off;
        sp = conv_exp_offset(cv, clang_getCursorLocation(d), &slot, &off) ? (fl_span){slot->id, off, off}
                                                                     : fl_span_none();
    }
    clang_disposeString(s);
    return sp;
}

