/* checksel.c - which checks --checks enables, and what to say when it enables none. */
#include "checksel.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/escape.h"
#include "../base/glob.h"
#include "../base/strbuf.h"
#include "../base/xalloc.h"

unsigned checksel_enabled(const char *globs, const check_info **enabled, unsigned max, unsigned *needs)
{
    unsigned n = 0;
    *needs = 0;
    for (unsigned i = 0; i < check_count && n < max; i++)
        if (fl_glob_list_match(globs ? globs : "*", check_registry[i].name)) {
            enabled[n++] = &check_registry[i];
            *needs |= check_registry[i].needs;
        }
    return n;
}

/* The edit distance between a[0..na) and b, ignoring case (insertions, deletions,
   substitutions, and swaps of neighbours: "borow", "data_race", "lokc-order"). */
static size_t distance(const char *a, size_t na, const char *b)
{
    size_t nb = strlen(b);
    if (na > 64 || nb > 64)
        return (size_t)-1;
    size_t d[65][65];
    for (size_t i = 0; i <= na; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= nb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++) {
            char x = (char)tolower((unsigned char)a[i - 1]), y = (char)tolower((unsigned char)b[j - 1]);
            bool same = x == y || ((x == '_' || x == ' ') && y == '-');
            size_t best = d[i - 1][j - 1] + !same;
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && tolower((unsigned char)a[i - 1]) == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == tolower((unsigned char)b[j - 1]) && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[na][nb];
}

static bool is_code(const check_info *c, const char *p, size_t n)
{
    return strlen(c->code) == n && !strncasecmp(c->code, p, n);
}

/* The check a pattern most likely meant: the first whose code it is, or a name at most two
   edits away (and fewer than a third of its length). NULL when none is close. */
static const check_info *meant(const char *p, size_t n)
{
    const check_info *best = NULL;
    size_t bestd = (size_t)-1;
    for (unsigned i = 0; i < check_count; i++) {
        const check_info *c = &check_registry[i];
        if (is_code(c, p, n))
            return c;
        size_t d = distance(p, n, c->name);
        if (d < bestd)
            bestd = d, best = c;
    }
    return bestd <= 2 && bestd * 3 < n ? best : NULL;
}

/* "; did you mean 'x'?", or for a code "; did you mean 'x' or 'y'? (--checks takes names; E0277
   is their code)". */
static void suggest(fl_strbuf *sb, const check_info *c, const char *p, size_t n)
{
    if (!is_code(c, p, n)) {
        fl_sb_printf(sb, "; did you mean '%s'?", c->name);
        return;
    }
    unsigned k = 0;
    fl_sb_puts(sb, "; did you mean ");
    for (unsigned i = 0; i < check_count; i++)
        if (is_code(&check_registry[i], p, n))
            fl_sb_printf(sb, "%s'%s'", k++ ? " or " : "", check_registry[i].name);
    fl_sb_printf(sb, "? (--checks takes names; %s is %s code)", c->code, k > 1 ? "their" : "its");
}

char *checksel_code_hint(const char *name)
{
    size_t n = strlen(name);
    for (unsigned i = 0; i < check_count; i++)
        if (is_code(&check_registry[i], name, n)) {
            fl_strbuf sb = {0};
            suggest(&sb, &check_registry[i], name, n);
            return fl_sb_take(&sb);
        }
    return NULL;
}

char *checksel_none_message(const char *globs)
{
    fl_strbuf sb = {0};
    char *shown = fl_escape_dup(globs);
    fl_sb_printf(&sb, "--checks='%s' enables no check", shown);
    free(shown);
    /* the first positive pattern without a star that is close to a check's name or code */
    for (const char *p = globs; *p;) {
        while (*p == ',' || isspace((unsigned char)*p))
            p++;
        const char *start = p;
        while (*p && *p != ',')
            p++;
        size_t n = (size_t)(p - start);
        while (n && isspace((unsigned char)start[n - 1]))
            n--;
        if (!n || start[0] == '-' || memchr(start, '*', n))
            continue;
        const check_info *c = meant(start, n);
        if (c) {
            suggest(&sb, c, start, n);
            return fl_sb_take(&sb);
        }
    }
    fl_sb_puts(&sb, " (fearless --list-checks lists their names)");
    return fl_sb_take(&sb);
}
