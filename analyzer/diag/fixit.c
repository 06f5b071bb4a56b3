/* fixit.c - suggested replacements made concrete (see fixit.h). */
#include "fixit.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../base/xalloc.h"

static bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

/* Where a `//` comment starts on the line [ls, end), or `end` if none (quotes and block
   comments on the line are skipped, so `"http://"` is not a comment). */
static size_t line_comment(const char *t, size_t ls, size_t end)
{
    for (size_t i = ls; i < end; i++) {
        char c = t[i];
        if (c == '"' || c == '\'') {
            for (i++; i < end && t[i] != c; i++)
                if (t[i] == '\\')
                    i++;
        } else if (c == '/' && i + 1 < end && t[i + 1] == '*') {
            for (i += 2; i + 1 < end && !(t[i] == '*' && t[i + 1] == '/'); i++)
                ;
            i++;
        } else if (c == '/' && i + 1 < end && t[i + 1] == '/') {
            return i;
        }
    }
    return end;
}

/* The last character before offset `pos` that is neither blank nor in a comment; 0 if none.
   Looks back a bounded number of bytes: a fix is not worth scanning a whole file for. */
static char previous_significant(const char *t, size_t pos)
{
    size_t floor = pos > 4096 ? pos - 4096 : 0;
    size_t i = pos;
    while (i > floor) {
        /* the part of i's line before i, without a // comment */
        size_t ls = i;
        while (ls > 0 && t[ls - 1] != '\n')
            ls--;
        size_t end = line_comment(t, ls, i);
        while (end > ls && blank(t[end - 1]))
            end--;
        if (end >= 2 && end - 2 >= ls && t[end - 1] == '/' && t[end - 2] == '*') {
            /* the end of a block comment: continue before its start */
            size_t k = end - 2;
            while (k >= 2 && k > floor && !(t[k - 2] == '/' && t[k - 1] == '*'))
                k--;
            if (k < 2 || k <= floor)
                return 0;
            i = k - 2;
            continue;
        }
        if (end > ls)
            return t[end - 1];
        if (ls == 0)
            return 0;
        i = ls - 1; /* the previous line, past its newline */
    }
    return 0;
}

static void resolve_child(fl_srcmap *sm, diag_child *ch)
{
    ch->before_stmt = false;
    size_t len = 0;
    const char *t = fl_span_valid(ch->span) ? fl_srcmap_text(sm, ch->span.file, &len) : NULL;
    size_t at = ch->span.begin;
    bool ok = t && at < len;
    size_t ls = at;
    while (ok && ls > 0 && t[ls - 1] != '\n')
        ls--;
    for (size_t k = ls; ok && k < at; k++)
        ok = t[k] == ' ' || t[k] == '\t';
    if (ok) {
        char prev = previous_significant(t, ls);
        ok = prev == ';' || prev == '{' || prev == '}' || prev == ':';
    }
    if (!ok) { /* the help stays, as words only */
        free(ch->replacement);
        ch->replacement = NULL;
        ch->span = fl_span_none();
        return;
    }
    size_t n = strlen(ch->replacement);
    char *text = fl_xmalloc(at - ls + n + 2);
    memcpy(text, t + ls, at - ls);
    memcpy(text + (at - ls), ch->replacement, n);
    memcpy(text + (at - ls) + n, "\n", 2);
    free(ch->replacement);
    ch->replacement = text;
    ch->span.begin = ch->span.end = (uint32_t)ls;
}

void fixit_resolve(fl_srcmap *sm, diag *d)
{
    for (uint32_t i = 0; i < d->nchildren; i++)
        if (d->children[i].before_stmt && d->children[i].replacement)
            resolve_child(sm, &d->children[i]);
}

void fixit_collect(const diag *d, uint32_t index, fixit_edit **v, size_t *n, size_t *cap)
{
    for (uint32_t i = 0; i < d->nchildren; i++) {
        const diag_child *ch = &d->children[i];
        if (!ch->replacement || ch->before_stmt || !fl_span_valid(ch->span))
            continue;
        if (*n == *cap) {
            *cap = *cap ? 2 * *cap : 16;
            *v = fl_xrealloc(*v, *cap * sizeof **v);
        }
        (*v)[(*n)++] = (fixit_edit){ch->span.file, ch->span.begin, ch->span.end, ch->replacement, index};
    }
}
