/* cxstr.h - libclang's CXString, copied out and disposed at once (frontend only).
 *
 * Every CXString the frontend receives goes through one of these, so none is leaked and none is
 * read after its disposal. */
#ifndef FL_CXSTR_H
#define FL_CXSTR_H

#include <clang-c/Index.h>

#include "../base/arena.h"
#include "../base/xalloc.h"

/* A heap copy of s ("" for a null string); s is disposed. */
static inline char *cxstr_take(CXString s)
{
    const char *c = clang_getCString(s);
    char *out = fl_xstrdup(c ? c : "");
    clang_disposeString(s);
    return out;
}

/* An arena copy of s ("" for a null string); s is disposed. */
static inline char *cxstr_arena(fl_arena *a, CXString s)
{
    const char *c = clang_getCString(s);
    char *out = fl_arena_strdup(a, c ? c : "");
    clang_disposeString(s);
    return out;
}

#endif
