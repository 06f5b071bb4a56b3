/* glob.c - clang-tidy style glob lists. */
#include "glob.h"

#include <ctype.h>
#include <string.h>

bool fl_glob_match(const char *g, const char *s, int n)
{
    /* Iterative matcher with backtracking to the last star. */
    int gi = 0, star = -1;
    const char *mark = NULL;
    while (*s) {
        if (gi < n && g[gi] == '*') {
            star = gi++;
            mark = s;
        } else if (gi < n && g[gi] == *s) {
            gi++;
            s++;
        } else if (star >= 0) {
            gi = star + 1;
            s = ++mark;
        } else {
            return false;
        }
    }
    while (gi < n && g[gi] == '*')
        gi++;
    return gi == n;
}

bool fl_glob_list_match(const char *globs, const char *name)
{
    bool on = false;
    if (!globs)
        return false;
    const char *p = globs;
    while (*p) {
        while (*p == ',' || isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        bool neg = false;
        if (*p == '-') {
            neg = true;
            p++;
        }
        const char *start = p;
        while (*p && *p != ',')
            p++;
        int len = (int)(p - start);
        while (len > 0 && isspace((unsigned char)start[len - 1]))
            len--;
        if (len > 0 && fl_glob_match(start, name, len))
            on = !neg;
    }
    return on;
}
