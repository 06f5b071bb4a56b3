/* place.c - canonical lvalue paths.
 *
 * Rules (parens and explicit casts are skipped everywhere):
 *   v            {v, ""}
 *   e.f          place(e) ".f"
 *   *e           place(e) "*"          when e is a pointer
 *                place(e) "[0]"        when e is an array (it decays to &e[0])
 *   e->f         the same as (*e).f    so p->f is "*.f", arr->f is "[0].f"
 *   *&e          place(e)              `(&x)->f` is x.f
 *   a[i]         array base:   place(a) "[N]" for an integer literal N (or "[NAME]" for an
 *                enumerator), "[*]" otherwise
 *                pointer base: place(p) "*" for index 0 (p[0] is *p), "*[N]" / "*[*]" otherwise
 *   *(a + i)     the same as a[i]; and `a + i` points to a[i] (place_of_pointee)
 *   *f(), f()->x a call's result dereferenced: no place, but place_path_from_call gives the
 *                path from the call ("*", "*.x")
 * So `p[0]`, `*p` and `p->` share the step "*"; and when comparing for aliasing a "*" that is
 * not followed by an index counts as "*[0]", so p[i] may alias *p, while p[1] does not.
 * The index may also be written first (`2[t]`): the operand with a pointer or array type is
 * the base.
 */
#include "place.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../base/strbuf.h"
#include "../base/vec.h"

static const place no_place = {NULL, NULL};

static place extend(fl_arena *arena, place base, const char *step, const char *name)
{
    if (!base.root)
        return no_place;
    base.path = fl_arena_sprintf(arena, "%s%s%s", base.path, step, name ? name : "");
    return base;
}

/* "[N]" for an integer literal index, "[NAME]" for an enumerator or a const global
   (`stats[ST_HITS]`: two names of one value are taken as two elements), "[*]" for anything
   else. */
static const char *index_step(fl_arena *arena, ast_node *idx)
{
    idx = ast_strip_casts(idx);
    if (idx && idx->kind == AST_REF) {
        /* an enumerator, or a const global (`static const int SLOT = 3;`): one element, by name */
        const ast_var *v = idx->var;
        const char *name = (idx->flags & AST_F_ENUM_REF) ? idx->name
                           : v && (v->ty & TY_CONST) && (v->ty & TY_INT) &&
                                     (v->storage == STORAGE_GLOBAL || v->storage == STORAGE_STATIC_LOCAL)
                               ? v->name
                               : NULL;
        if (name)
            return fl_arena_sprintf(arena, "[%s]", name);
    }
    if (idx && idx->kind == AST_LITERAL && (idx->ty & TY_INT) && idx->name &&
        isdigit((unsigned char)idx->name[0])) {
        char *end;
        unsigned long long v = strtoull(idx->name, &end, 0);
        return fl_arena_sprintf(arena, "[%llu]", v);
    }
    return "[*]";
}

/* One step of a path being assembled: `text` then `name` (either may be NULL). */
typedef struct path_step {
    const char *text, *name;
} path_step;

/* Steps collected from the outside in: a few in place, more on the heap. */
typedef FL_SMALL_VEC(path_step, 16) path_steps;

/* The path of the steps, innermost (pushed last) first, in one arena string. */
static const char *steps_path(fl_arena *arena, const path_steps *ps)
{
    if (!ps->len)
        return "";
    size_t n = 0;
    for (size_t i = 0; i < ps->len; i++)
        n += (ps->items[i].text ? strlen(ps->items[i].text) : 0) + (ps->items[i].name ? strlen(ps->items[i].name) : 0);
    char *path = fl_arena_alloc(arena, n + 1), *p = path;
    for (size_t i = ps->len; i-- > 0;)
        for (int part = 0; part < 2; part++) {
            const char *t = part ? ps->items[i].name : ps->items[i].text;
            size_t k = t ? strlen(t) : 0;
            memcpy(p, t ? t : "", k);
            p += k;
        }
    *p = '\0';
    return path;
}

/* `p + i` or `i + p`, p a pointer or an array: the address of p[i]. */
static bool is_offset(const ast_node *e)
{
    if (!e || e->kind != AST_BINARY || e->op != BIN_ADD || e->nkids != 2)
        return false;
    const ast_node *a = ast_strip_parens(e->kids[0]), *b = ast_strip_parens(e->kids[1]);
    return a && b && (((a->ty & (TY_ARRAY | TY_POINTER)) && (b->ty & TY_INT)) ||
                      ((b->ty & (TY_ARRAY | TY_POINTER)) && (a->ty & TY_INT)));
}

/* The steps of base[idx] (either written first, `2[t]`), pushed to ps; returns the base. */
static ast_node *index_steps(fl_arena *arena, path_steps *ps, ast_node *base, ast_node *idx)
{
    ast_node *sb = ast_strip_parens(base);
    if (sb && !(sb->ty & (TY_ARRAY | TY_POINTER))) {
        ast_node *si = ast_strip_parens(idx);
        if (si && (si->ty & (TY_ARRAY | TY_POINTER))) {
            base = idx;
            idx = sb;
            sb = si;
        }
    }
    const char *step = index_step(arena, idx);
    if (sb && (sb->ty & TY_ARRAY)) {
        fl_small_vec_push(ps, ((path_step){step, NULL}));
    } else {
        /* p[i] is *(p + i): "*", then the index unless it is 0 */
        if (strcmp(step, "[0]") != 0)
            fl_small_vec_push(ps, ((path_step){step, NULL}));
        fl_small_vec_push(ps, ((path_step){"*", NULL}));
    }
    return base;
}

/* The rules above, applied from the outside in: each lvalue form adds its step and goes on
   with its operand, down to the variable at the root. A loop, not a recursion: a member chain
   `p->next->next->...` is as deep as it is long. */
static place place_walk(fl_arena *arena, ast_node *lv, ast_node **call)
{
    path_steps ps;
    fl_small_vec_init(&ps);
    place res = no_place;
    ast_node *e = lv;
    for (;;) {
        bool deref = false;
        e = ast_strip_casts(e);
        if (!e)
            break;
        if (e->kind == AST_REF || e->kind == AST_COMPOUND_LIT) {
            if (e->var)
                res = (place){e->var, steps_path(arena, &ps)};
            break;
        }
        if (call && e->kind == AST_CALL && ps.len && ps.items[ps.len - 1].text &&
            strcmp(ps.items[ps.len - 1].text, "*") == 0) {
            *call = e;
            res = (place){NULL, steps_path(arena, &ps)};
            break;
        }
        if (e->kind == AST_MEMBER && e->nkids == 1) {
            fl_small_vec_push(&ps, ((path_step){".", e->name}));
            deref = (e->flags & AST_F_ARROW) != 0;
            e = e->kids[0];
        } else if (e->kind == AST_UNARY && e->op == UN_DEREF && e->nkids == 1) {
            deref = true;
            e = e->kids[0];
        } else if (e->kind == AST_INDEX && e->nkids == 2) {
            e = index_steps(arena, &ps, e->kids[0], e->kids[1]);
        } else {
            break;
        }
        if (deref) {
            /* *e: the pointee of a pointer, element 0 of an array; `*(T *)p`: the cast changes
               the pointee type, not the object, and is stripped; `*(p + i)` is p[i]. */
            e = ast_strip_parens(e);
            ast_node *x = ast_strip_casts(e);
            if (x && x->kind == AST_UNARY && x->op == UN_ADDR_OF && x->nkids == 1)
                e = x->kids[0]; /* `*&x` and `(&x)->f` are x and x.f (macros write them) */
            else if (is_offset(x))
                e = index_steps(arena, &ps, x->kids[0], x->kids[1]);
            else
                fl_small_vec_push(&ps, ((path_step){e && (e->ty & TY_ARRAY) ? "[0]" : "*", NULL}));
        }
    }
    fl_small_vec_free(&ps);
    return res;
}

place place_of(fl_arena *arena, ast_node *lv)
{
    return place_walk(arena, lv, NULL);
}

const char *place_path_from_call(fl_arena *arena, ast_node *lv, ast_node **call)
{
    *call = NULL;
    place p = place_walk(arena, lv, call);
    return *call ? p.path : NULL;
}

place place_of_pointee(fl_arena *arena, ast_node *ptr)
{
    ptr = ast_strip_casts(ptr);
    if (!ptr)
        return no_place;
    if (ptr->kind == AST_UNARY && ptr->op == UN_ADDR_OF && ptr->nkids == 1)
        return place_of(arena, ptr->kids[0]);
    if (ptr->ty & TY_ARRAY)
        return place_of(arena, ptr);
    if (is_offset(ptr)) {
        /* `a + 2` is &a[2]: the steps of the index, from the base's place */
        path_steps ps;
        fl_small_vec_init(&ps);
        ast_node *base = index_steps(arena, &ps, ptr->kids[0], ptr->kids[1]);
        place res = place_of(arena, base);
        if (res.root)
            res = place_append(arena, res, steps_path(arena, &ps));
        fl_small_vec_free(&ps);
        return res;
    }
    return no_place;
}

place place_append(fl_arena *arena, place p, const char *steps)
{
    if (!p.root || !p.path)
        return no_place;
    if (!steps || !*steps)
        return p;
    return extend(arena, p, steps, NULL);
}

bool place_equal(place a, place b)
{
    return a.root && a.root == b.root && a.path && b.path && strcmp(a.path, b.path) == 0;
}

/* The length of the path step at s: "*", "[3]", "[*]" or ".field". */
size_t place_step_len(const char *s)
{
    if (*s == '*')
        return 1;
    if (*s == '[') {
        const char *e = strchr(s, ']');
        return e ? (size_t)(e - s) + 1 : strlen(s);
    }
    /* ".field" up to the next step */
    size_t n = 1;
    while (s[n] && s[n] != '.' && s[n] != '*' && s[n] != '[')
        n++;
    return n;
}

static bool index_match(const char *a, size_t na, const char *b, size_t nb)
{
    if ((na == 3 && memcmp(a, "[*]", 3) == 0) || (nb == 3 && memcmp(b, "[*]", 3) == 0))
        return true;
    return na == nb && memcmp(a, b, na) == 0;
}

bool place_may_alias(place a, place b)
{
    if (!a.root || a.root != b.root || !a.path || !b.path)
        return false;
    const char *x = a.path, *y = b.path;
    while (*x && *y) {
        size_t nx = place_step_len(x), ny = place_step_len(y);
        bool ix = *x == '[', iy = *y == '[';
        if (ix && iy) {
            if (!index_match(x, nx, y, ny))
                return false;
        } else if (ix || iy) {
            /* An index against a non-index: only after a "*" with an implicit [0]. */
            const char *idx = ix ? x : y;
            size_t ni = ix ? nx : ny;
            const char *prev = ix ? x - 1 : y - 1;
            if (prev < (ix ? a.path : b.path) || *prev != '*' || !index_match(idx, ni, "[0]", 3))
                return false;
            if (ix)
                x += nx;
            else
                y += ny;
            continue;
        } else if (nx != ny || memcmp(x, y, nx) != 0) {
            return false;
        }
        x += nx;
        y += ny;
    }
    /* One path may end early at "*", where the other continues with its index. */
    const char *rest = *x ? x : y;
    const char *whole = *x ? a.path : b.path;
    if (!*rest)
        return true;
    if (*rest == '[' && rest > whole && rest[-1] == '*') {
        size_t n = place_step_len(rest);
        return index_match(rest, n, "[0]", 3) && rest[n] == '\0';
    }
    return false;
}

const char *place_str(fl_arena *arena, place p)
{
    if (!p.root)
        return "?";
    fl_strbuf sb = {0};
    fl_sb_puts(&sb, p.root->name ? p.root->name : "?");
    bool prefix = false; /* the text so far ends in a prefix `*` expression: wrap before postfix */
    const char *s = p.path ? p.path : "";
    while (*s) {
        size_t n = place_step_len(s);
        if (*s == '*') {
            if (s[1] == '.') {
                size_t m = place_step_len(s + 1);
                if (prefix) {
                    char *t = fl_sb_take(&sb);
                    fl_sb_printf(&sb, "(%s)", t);
                    free(t);
                }
                fl_sb_printf(&sb, "->%.*s", (int)(m - 1), s + 2);
                prefix = false;
                s += 1 + m;
                continue;
            }
            if (s[1] == '[') {
                /* p[N]: the "*" is the pointer's own indexing */
                s += 1;
                continue;
            }
            char *t = fl_sb_take(&sb);
            fl_sb_printf(&sb, "*%s", t);
            free(t);
            prefix = true;
            s += 1;
            continue;
        }
        if (prefix) {
            char *t = fl_sb_take(&sb);
            fl_sb_printf(&sb, "(%s)", t);
            free(t);
            prefix = false;
        }
        if (*s == '[') {
            if (n == 3 && memcmp(s, "[*]", 3) == 0)
                fl_sb_puts(&sb, "[_]");
            else
                fl_sb_putn(&sb, s, n);
        } else {
            fl_sb_putn(&sb, s, n);
        }
        s += n;
    }
    const char *res = fl_arena_strdup(arena, fl_sb_str(&sb));
    fl_sb_free(&sb);
    return res;
}

bool place_path_derefs(const char *path)
{
    for (const char *s = path; s && *s; s += place_step_len(s))
        if (*s == '*')
            return true;
    return false;
}
