/* xalloc.h - the one allocation path, and the one way to die on a broken invariant. */
#ifndef FL_XALLOC_H
#define FL_XALLOC_H

#include <stddef.h>

/* Allocate, or print a fixed message and abort: callers never check for NULL. */
void *fl_xmalloc(size_t n);
void *fl_xcalloc(size_t count, size_t size);
void *fl_xrealloc(void *p, size_t n);
/* A caller-owned copy of s (NULL stays NULL). */
char *fl_xstrdup(const char *s);
char *fl_xstrndup(const char *s, size_t n);
/* A caller-owned printf-formatted string. */
char *fl_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Report a violated internal invariant (our bug, not the user's) and exit 3. */
_Noreturn void fl_bug_at(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#define fl_bug(...) fl_bug_at(__FILE__, __LINE__, __VA_ARGS__)

#endif
