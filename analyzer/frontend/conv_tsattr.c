/* conv_tsattr.c - clang's thread-safety attributes, read back from the source text.
 *
 * guarded_by(mu), exclusive_locks_required(a, b)... reach libclang as CXCursor_UnexposedAttr
 * children without their arguments, so they are read back from the source text: the spelling
 * location of the attribute points at its name (`guarded_by`), inside a macro definition when a
 * project spells it through one (OVS_GUARDED_BY(mutex)). Then the arguments written there are
 * macro parameters, and the values are at the expansion site: the parameters of the enclosing
 * `#define NAME(params)` are replaced by the invocation's arguments, when the expansion site
 * invokes that same macro. Anything else that cannot be read exactly yields no text: a missing
 * annotation costs a finding, a wrong one would cost a false alarm. Only attribute cursors pay
 * for this (a few per thousand declarations). */

#include "conv.h"

#include <stdio.h>
#include <string.h>

/* clang's spellings (legacy and capability names) and the fearless text kind they become */
static const struct { const char *attr, *kind; } clang_ts_attrs[] = {
    {"guarded_by", "guarded_by"},
    {"pt_guarded_by", "pt_guarded_by"},
    {"requires_capability", "requires"},
    {"exclusive_locks_required", "requires"},
    {"requires_shared_capability", "requires_shared"},
    {"shared_locks_required", "requires_shared"},
    {"acquire_capability", "acquire"},
    {"exclusive_lock_function", "acquire"},
    {"acquire_shared_capability", "acquire_shared"},
    {"shared_lock_function", "acquire_shared"},
    {"release_capability", "release"},
    {"release_shared_capability", "release"},
    {"release_generic_capability", "release"},
    {"unlock_function", "release"},
    {"locks_excluded", "excludes"},
    {"try_acquire_capability", "try_acquire"},
    {"exclusive_trylock_function", "try_acquire"},
    {"try_acquire_shared_capability", "try_acquire_shared"},
    {"shared_trylock_function", "try_acquire_shared"},
};

static bool is_space_ch(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v'; }

/* Skip blanks and backslash-newlines from `i`. */
static size_t skip_blank(const char *t, size_t len, size_t i)
{
    while (i < len) {
        if (is_space_ch(t[i]))
            i++;
        else if (t[i] == '\\' && i + 1 < len && (t[i + 1] == '\n' || t[i + 1] == '\r'))
            i += 2;
        else
            break;
    }
    return i;
}

/* The parenthesized text starting at t[i] == '(': its inside as [*b, *e), the index after ')'
   returned; 0 when unbalanced (or absurdly long: not an attribute argument list). */
static size_t paren_group(const char *t, size_t len, size_t i, size_t *b, size_t *e)
{
    if (i >= len || t[i] != '(')
        return 0;
    int depth = 0;
    for (size_t j = i; j < len && j < i + 1024; j++) {
        if (t[j] == '(')
            depth++;
        else if (t[j] == ')' && --depth == 0) {
            *b = i + 1;
            *e = j;
            return j + 1;
        }
    }
    return 0;
}

/* Split [b, e) at top-level commas into at most `max` trimmed pieces; the count, or -1. */
#define TS_MAX_ARGS 16
static int split_args(const char *t, size_t b, size_t e, size_t *ab, size_t *ae, int max)
{
    int n = 0, depth = 0;
    size_t s = b;
    for (size_t j = b; j <= e; j++) {
        if (j < e && (t[j] == '(' || t[j] == '['))
            depth++;
        else if (j < e && (t[j] == ')' || t[j] == ']'))
            depth--;
        else if (j == e || (t[j] == ',' && depth == 0)) {
            if (n == max)
                return -1;
            size_t x = skip_blank(t, e, s), y = j;
            while (y > x && (is_space_ch(t[y - 1]) || t[y - 1] == '\\'))
                y--;
            ab[n] = x;
            ae[n] = y;
            n++;
            s = j + 1;
        }
    }
    return n;
}

/* The parameters of the `#define NAME(params)` whose replacement list contains offset `off`,
   if any: name as [*nb, *ne), parameter k as [pb[k], pe[k]); the parameter count, -1 when `off`
   is not inside a function-like macro definition. */
static int enclosing_define(const char *t, size_t off, size_t *nb, size_t *ne, size_t *pb, size_t *pe)
{
    /* start of the logical line: back over lines ending in a backslash */
    size_t ls = off;
    for (int guard = 0; guard < 64; guard++) {
        while (ls > 0 && t[ls - 1] != '\n')
            ls--;
        if (ls >= 2 && t[ls - 2] == '\\')
            ls--;
        else if (ls >= 3 && t[ls - 2] == '\r' && t[ls - 3] == '\\')
            ls -= 2;
        else
            break;
    }
    size_t i = skip_blank(t, off, ls);
    if (i >= off || t[i] != '#')
        return -1;
    i = skip_blank(t, off, i + 1);
    if (off - i < 6 || memcmp(t + i, "define", 6) != 0 || conv_is_ident_char(t[i + 6]))
        return -1;
    i = skip_blank(t, off, i + 6);
    *nb = i;
    while (i < off && conv_is_ident_char(t[i]))
        i++;
    *ne = i;
    if (*ne == *nb || i >= off || t[i] != '(')
        return -1; /* object-like: its replacement has no parameters */
    size_t b, e;
    if (!paren_group(t, off, i, &b, &e))
        return -1;
    return split_args(t, b, e, pb, pe, TS_MAX_ARGS);
}

/* Append [b, e) to buf with blank runs collapsed to one space. */
static void put_collapsed(char *buf, size_t cap, size_t *k, const char *t, size_t b, size_t e)
{
    for (size_t j = b; j < e && *k + 1 < cap; j++) {
        if (is_space_ch(t[j]) || (t[j] == '\\' && j + 1 < e && (t[j + 1] == '\n' || t[j + 1] == '\r'))) {
            j = skip_blank(t, e, j) - 1;
            if (*k && buf[*k - 1] != ' ')
                buf[(*k)++] = ' ';
        } else {
            buf[(*k)++] = t[j];
        }
    }
}

/* The fearless text ("requires:a, b") of one thread-safety attribute cursor, or NULL. */
const char *conv_ts_text(conv *cv, CXCursor c)
{
    CXSourceLocation loc = clang_getRangeStart(clang_getCursorExtent(c));
    CXFile f = NULL;
    unsigned off = 0;
    clang_getSpellingLocation(loc, &f, NULL, NULL, &off);
    if (!f)
        return NULL;
    size_t len;
    const char *t = filemap_text(&cv->fm, filemap_slot(&cv->fm, f), &len);
    if (!t || off >= len || !conv_is_ident_char(t[off]))
        return NULL;
    size_t nb = off, ne = off;
    while (ne < len && conv_is_ident_char(t[ne]))
        ne++;
    size_t name_end = ne;
    /* __guarded_by__ is guarded_by */
    if (ne - nb > 4 && t[nb] == '_' && t[nb + 1] == '_' && t[ne - 1] == '_' && t[ne - 2] == '_')
        nb += 2, ne -= 2;
    const char *kind = NULL;
    for (size_t i = 0; i < sizeof clang_ts_attrs / sizeof *clang_ts_attrs && !kind; i++)
        if (strlen(clang_ts_attrs[i].attr) == ne - nb && !memcmp(t + nb, clang_ts_attrs[i].attr, ne - nb))
            kind = clang_ts_attrs[i].kind;
    if (!kind) {
        /* the one argument-less attribute that matters: the function opts out of the analysis */
        static const char nts[] = "no_thread_safety_analysis";
        if (ne - nb == sizeof nts - 1 && !memcmp(t + nb, nts, ne - nb))
            return "no_thread_safety_analysis";
        return NULL;
    }
    size_t ab, ae;
    if (!paren_group(t, len, skip_blank(t, len, name_end), &ab, &ae))
        return NULL; /* no arguments: `this` in C++, nothing we can name in C */
    size_t xb[TS_MAX_ARGS], xe[TS_MAX_ARGS];
    int nx = split_args(t, ab, ae, xb, xe, TS_MAX_ARGS);
    if (nx <= 0 || (nx == 1 && xb[0] == xe[0]))
        return NULL;

    /* Inside a macro definition: map its parameters to the invocation's arguments. */
    size_t dnb, dne, pb[TS_MAX_ARGS], pe[TS_MAX_ARGS];
    int np = (loc.int_data & RAW_MACRO_BIT) ? enclosing_define(t, off, &dnb, &dne, pb, pe) : -1;
    const char *u = NULL; /* the invocation's text */
    size_t ub[TS_MAX_ARGS], ue[TS_MAX_ARGS];
    int nu = 0;
    if (np > 0) {
        CXFile ef = NULL;
        unsigned eoff = 0;
        clang_getExpansionLocation(loc, &ef, NULL, NULL, &eoff);
        size_t ulen;
        u = ef ? filemap_text(&cv->fm, filemap_slot(&cv->fm, ef), &ulen) : NULL;
        size_t b, e;
        if (!u || eoff + (dne - dnb) > ulen || memcmp(u + eoff, t + dnb, dne - dnb) != 0 ||
            (eoff + (dne - dnb) < ulen && conv_is_ident_char(u[eoff + (dne - dnb)])) ||
            !paren_group(u, ulen, skip_blank(u, ulen, eoff + (dne - dnb)), &b, &e))
            u = NULL; /* expanded through another macro: the values are not at hand */
        else if ((nu = split_args(u, b, e, ub, ue, TS_MAX_ARGS)) < 0)
            u = NULL;
    }

    char buf[512];
    size_t k = 0;
    k += (size_t)snprintf(buf, sizeof buf, "%s:", kind);
    for (int a = 0; a < nx; a++) {
        if (a && k + 2 < sizeof buf)
            buf[k++] = ',', buf[k++] = ' ';
        /* token by token: identifiers may be parameters of the enclosing macro */
        for (size_t j = xb[a]; j < xe[a];) {
            if (!conv_is_ident_char(t[j])) {
                size_t j2 = j + 1;
                while (j2 < xe[a] && !conv_is_ident_char(t[j2]))
                    j2++;
                put_collapsed(buf, sizeof buf, &k, t, j, j2);
                j = j2;
                continue;
            }
            size_t j2 = j;
            while (j2 < xe[a] && conv_is_ident_char(t[j2]))
                j2++;
            int p = -1;
            for (int q = 0; q < np && p < 0; q++)
                if (pe[q] - pb[q] == j2 - j && !memcmp(t + pb[q], t + j, j2 - j))
                    p = q;
            bool va = j2 - j == 11 && !memcmp(t + j, "__VA_ARGS__", 11);
            if (va && np > 0 && pe[np - 1] - pb[np - 1] == 3 && !memcmp(t + pb[np - 1], "...", 3))
                p = np - 1;
            if (p < 0) {
                if (va)
                    return NULL;
                put_collapsed(buf, sizeof buf, &k, t, j, j2);
            } else if (!u) {
                return NULL; /* a parameter whose value we cannot see */
            } else if (va) {
                if (p >= nu)
                    return NULL;
                for (int q = p; q < nu; q++) {
                    if (q > p && k + 2 < sizeof buf)
                        buf[k++] = ',', buf[k++] = ' ';
                    put_collapsed(buf, sizeof buf, &k, u, ub[q], ue[q]);
                }
            } else {
                if (p >= nu)
                    return NULL;
                put_collapsed(buf, sizeof buf, &k, u, ub[p], ue[p]);
            }
            j = j2;
        }
    }
    if (k + 1 >= sizeof buf)
        return NULL; /* truncated */
    buf[k] = '\0';
    return fl_arena_strdup(cv->a, buf);
}
