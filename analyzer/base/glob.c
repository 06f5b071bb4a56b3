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

bool fl_list_next(const char **p, const char **item, size_t *len)
{
    const char *q = *p;
    while (*q == ',' || isspace((unsigned char)*q))
        q++;
    if (!*q)
        return false;
    const char *b = q;
    while (*q && *q != ',')
        q++;
    size_t n = (size_t)(q - b);
    while (n > 0 && isspace((unsigned char)b[n - 1]))
        n--;
    *item = b;
    *len = n;
    *p = q;
    return true;
}

bool fl_glob_list_match(const char *globs, const char *name)
{
    bool on = false;
    if (!globs)
        return false;
    const char *p = globs, *item;
    size_t len;
    while (fl_list_next(&p, &item, &len)) {
        bool neg = *item == '-';
        if (neg)
            item++, len--;
        if (len > 0 && fl_glob_match(item, name, (int)len))
            on = !neg;
    }
    return on;
}
