/* annots.c - annotations as typed values (see annots.h). */
#include "annots.h"

#include <string.h>

static const char *const texts[AN_COUNT] = {
#define ANNOT(kind, text) text,
#include "annots.def"
#undef ANNOT
};

const char *an_text(an_kind kind)
{
    return kind < AN_COUNT ? texts[kind] : "";
}

/* The kind a raw text starts with ("requires:..." -> AN_REQUIRES); *rest the arguments after
   ':' (or ""). AN_COUNT when none. */
static an_kind kind_of(const char *t, const char **rest)
{
    size_t n = strcspn(t, ":");
    for (int k = 0; k < AN_COUNT; k++)
        if (strlen(texts[k]) == n && strncmp(t, texts[k], n) == 0) {
            *rest = t[n] == ':' ? t + n + 1 : t + n;
            return (an_kind)k;
        }
    return AN_COUNT;
}

bool an_has(ast_annots raw, an_kind kind)
{
    const char *rest;
    for (uint32_t i = 0; i < raw.n; i++)
        if (kind_of(raw.texts[i], &rest) == kind)
            return true;
    return false;
}

static const char *trimmed(fl_arena *A, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return fl_arena_strndup(A, s, n);
}

/* Split at commas outside parentheses (`f(a, b), c` is two arguments). */
static void split_args(fl_arena *A, const char *s, an_item *it)
{
    uint32_t cap = 1;
    for (const char *p = s; *p; p++)
        cap += *p == ',';
    it->args = FL_NEW_ARRAY(A, const char *, cap);
    int depth = 0;
    const char *start = s;
    for (const char *p = s;; p++) {
        if (*p == '(' || *p == '[')
            depth++;
        else if ((*p == ')' || *p == ']') && depth > 0)
            depth--;
        if (*p == '\0' || (*p == ',' && depth == 0)) {
            const char *a = trimmed(A, start, (size_t)(p - start));
            if (*a)
                it->args[it->nargs++] = a;
            if (*p == '\0')
                break;
            start = p + 1;
        }
    }
}

an_list an_parse(fl_arena *arena, ast_annots raw)
{
    an_list l = {0};
    if (!raw.n)
        return l;
    l.items = FL_NEW_ARRAY(arena, an_item, raw.n);
    for (uint32_t i = 0; i < raw.n; i++) {
        const char *rest;
        an_kind k = kind_of(raw.texts[i], &rest);
        if (k == AN_COUNT)
            continue;
        an_item *it = &l.items[l.n++];
        it->kind = k;
        it->span = raw.spans ? raw.spans[i] : fl_span_none();
        split_args(arena, rest, it);
    }
    return l;
}

const an_item *an_find(const an_list *l, an_kind kind)
{
    for (uint32_t i = 0; i < l->n; i++)
        if (l->items[i].kind == kind)
            return &l->items[i];
    return NULL;
}
