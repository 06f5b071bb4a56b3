/* guards.c - the locks held at each access to a field or global (see guards.h). */
#include "guards.h"

#include <stdlib.h>
#include <string.h>

#include "../base/vec.h"
#include "../ir/lvalue.h"
#include "../ir/place.h"

typedef struct pending {
    ast_node *at;
    place obj;               /* the object accessed: a field's place, or {global, ""} */
    ast_type *rec;           /* its record, for a field */
    gd_access acc;           /* filled but for held/taken */
} pending;

typedef FL_VEC(gd_access) gd_vec;

typedef struct builder {
    fl_arena *A;
    const ast_tu *tu;
    const ast_func *fn;
    FL_VEC(ast_var *) fresh;
    FL_VEC(pending) found;
    FL_VEC(const char *) shared;  /* records allocated or in globals (gd_unit.shared_records) */
} builder;

static const char *rec_key(fl_arena *A, const ast_type *rec)
{
    return fl_arena_sprintf(A, "r:%u:%u", rec->span.file, rec->span.begin);
}

/* The record a type holds or points to (through typedefs, pointers and arrays), or NULL. */
static const ast_type *record_in(const ast_type *t)
{
    for (int guard = 0; t && guard < 16; guard++) {
        const ast_type *u = ast_type_strip((ast_type *)t);
        if (!u)
            return NULL;
        if (u->kind == TYPE_RECORD)
            return fl_span_valid(u->span) ? u : NULL;
        if (u->kind != TYPE_POINTER && u->kind != TYPE_ARRAY)
            return NULL;
        t = u->inner;
    }
    return NULL;
}

static bool has_guard(ast_annots an)
{
    for (uint32_t i = 0; i < an.n; i++)
        if (!strncmp(an.texts[i], "guarded_by:", 11) || !strncmp(an.texts[i], "pt_guarded_by:", 14))
            return true;
    return false;
}

/* A lock object itself (its accesses are the locking): pthread_mutex_t, an rwlock, a spinlock. */
static bool is_lock_type(const ast_type *t)
{
    for (int guard = 0; t && guard < 16; guard++, t = t->inner) {
        if (t->name && (strstr(t->name, "mutex") || strstr(t->name, "rwlock") || strstr(t->name, "spinlock") ||
                        strstr(t->name, "_lock") || strstr(t->name, "cond")))
            return true;
        if (t->kind != TYPE_TYPEDEF && t->kind != TYPE_ATOMIC)
            break;
    }
    return false;
}

static void visit_fresh(void *ctx, ast_var *v)
{
    builder *b = ctx;
    fl_vec_push(&b->fresh, v);
}

/* Memory allocated for an lvalue, a declared local or a return: its record can be shared. */
static void visit_allocated(void *ctx, ast_node *target)
{
    builder *b = ctx;
    const ast_type *t = NULL;
    if (target->kind == AST_VAR || target->kind == AST_REF)
        t = target->var ? target->var->type : NULL;
    else if (target->kind == AST_RETURN)
        t = b->fn->self ? b->fn->self->result : NULL;
    else if (target->kind == AST_MEMBER) {
        place p = place_of(b->A, target);
        ast_type *rec;
        ast_field *f;
        if (p.root && lv_last_field(p, &rec, &f))
            t = f->type;
    }
    const ast_type *r = record_in(t);
    if (r)
        fl_vec_push(&b->shared, rec_key(b->A, r));
}

static void visit_lvalue(void *ctx, ast_node *n, lv_kind k)
{
    builder *b = ctx;
    if (k == LV_NONE || (k == LV_READ && (n->ty & TY_ARRAY)))
        return;
    pending p = {0};
    p.at = n;
    p.acc.at = n;
    p.acc.fn = b->fn->name;
    p.acc.write = k == LV_WRITE;
    ast_var *v = NULL;    /* a global, or the global struct a member is inside of */
    place obj = {NULL, NULL};
    if (n->kind == AST_REF)
        v = n->var;
    else if (n->kind == AST_MEMBER) {
        obj = place_of(b->A, n);
        /* `stats.hits`: the global `stats` is what a lock guards, and the walk visits `stats`
           itself next, with the same access */
        if (obj.root && (obj.root->storage == STORAGE_GLOBAL || obj.root->storage == STORAGE_STATIC_LOCAL) &&
            !place_path_derefs(obj.path))
            return;
    } else
        return;
    if (v) {
        if ((v->storage != STORAGE_GLOBAL && v->storage != STORAGE_STATIC_LOCAL) || !v->name ||
            (v->ty & (TY_ATOMIC | TY_CONST)) || is_lock_type(v->type))
            return;
        p.obj = (place){v, ""};
        bool internal = (v->flags & AST_VAR_INTERNAL) || v->storage == STORAGE_STATIC_LOCAL;
        p.acc.decl = internal ? fl_arena_sprintf(b->A, "s:%u:%u:%s", v->span.file, v->span.begin, v->name)
                              : fl_arena_sprintf(b->A, "g:%s", v->name);
        p.acc.name = v->name;
        p.acc.decl_span = v->span;
        p.acc.type = v->type;
        p.acc.annotated = has_guard(v->annots);
    } else {
        ast_type *rec;
        ast_field *f;
        if (!obj.root || !lv_last_field(obj, &rec, &f) || !f->name || !rec->name || !fl_span_valid(rec->span) ||
            lv_private(obj, (ast_var *const *)b->fresh.items, b->fresh.len) || (n->ty & (TY_ATOMIC | TY_CONST)) ||
            is_lock_type(f->type))
            return;
        p.obj = obj;
        p.rec = rec;
        p.acc.rec_key = rec_key(b->A, rec);
        p.acc.decl = fl_arena_sprintf(b->A, "f:%u:%u:%s", rec->span.file, rec->span.begin, f->name);
        p.acc.name = f->name;
        p.acc.record = rec->name;
        p.acc.decl_span = f->span;
        p.acc.type = f->type;
        p.acc.annotated = has_guard(f->annots);
    }
    fl_vec_push(&b->found, p);
}

/* The lock object a lock place lies in, as the code names it: `mutex` for OVS's `mutex.lock` (the
   pthread mutex inside a struct ovs_mutex, which its lock functions take), the place itself when no
   outer object is a lock. */
static place outer_lock(fl_arena *A, place lk)
{
    const ast_type *t = lk.root->type;
    if (is_lock_type(t))
        return (place){lk.root, ""};
    for (const char *s = lk.path; *s && t; s += place_step_len(s)) {
        ast_type *u = ast_type_strip((ast_type *)t);
        size_t n = place_step_len(s);
        if (*s != '.' || !u)
            return lk;
        ast_field *f = lv_field_of(u, s + 1, n - 1);
        if (!f)
            return lk;
        t = f->type;
        if (is_lock_type(t) && s[n])
            return (place){lk.root, fl_arena_strndup(A, lk.path, (size_t)(s + n - lk.path))};
    }
    return lk;
}

/* A lock as a candidate for the object: "f:<sibling>" or "g:<global place>", else NULL. */
static const char *candidate(builder *b, const pending *p, place lk)
{
    if (!lk.root)
        return NULL;
    lk = outer_lock(b->A, lk);
    if (lk.root->storage == STORAGE_GLOBAL || lk.root->storage == STORAGE_STATIC_LOCAL)
        return place_path_derefs(lk.path) ? NULL : fl_arena_sprintf(b->A, "g:%s", place_str(b->A, lk));
    if (!p->rec || lk.root != p->obj.root)
        return NULL;
    /* the object's path without its last field step, then `.g` */
    const char *last = NULL;
    for (const char *s = p->obj.path; *s; s += place_step_len(s))
        if (*s == '.')
            last = s;
    size_t pre = last ? (size_t)(last - p->obj.path) : 0;
    if (!last || strncmp(lk.path, p->obj.path, pre) != 0 || lk.path[pre] != '.')
        return NULL;
    const char *g = lk.path + pre + 1;
    if (strchr(g, '.') || strchr(g, '*') || strchr(g, '[') || !lv_field_of(p->rec, g, strlen(g)))
        return NULL;
    return fl_arena_sprintf(b->A, "f:%s", g);
}

static void add_unique(fl_arena *A, const char ***arr, uint32_t *n, uint32_t *cap, const char *c)
{
    for (uint32_t i = 0; i < *n; i++)
        if (!strcmp((*arr)[i], c))
            return;
    if (*n == *cap) {
        uint32_t nc = *cap ? 2 * *cap : 4;
        const char **na = FL_NEW_ARRAY(A, const char *, nc);
        if (*n)
            memcpy(na, *arr, *n * sizeof **arr);
        *arr = na;
        *cap = nc;
    }
    (*arr)[(*n)++] = c;
}

static int by_node(const void *x, const void *y)
{
    const pending *a = x, *b = y;
    return (uintptr_t)a->at < (uintptr_t)b->at ? -1 : (uintptr_t)a->at > (uintptr_t)b->at;
}

/* Held and taken candidates of each access found in the function, in CFG order. */
static void judge(builder *b, const lock_fn *lf, const cfg *g, gd_vec *out)
{
    pending *found = b->found.items;
    size_t nfound = b->found.len;
    qsort(found, nfound, sizeof *found, by_node);
    fl_word *st = lf ? FL_NEW_ARRAY(b->A, fl_word, lf->nwords ? lf->nwords : 1) : NULL;
    for (uint32_t r = 0; r < g->nrpo; r++) {
        uint32_t bi = g->rpo[r];
        const cfg_block *blk = &g->blocks[bi];
        bool valid = false;
        locks_cursor lc = {0};
        for (uint32_t i = 0; i < blk->nelems; i++) {
            ast_node *n = blk->elems[i].node;
            if (blk->elems[i].kind != CFG_EXPR || !n)
                continue;
            pending key = {.at = n};
            pending *hit = bsearch(&key, found, nfound, sizeof *found, by_node);
            if (!hit)
                continue;
            while (hit > found && hit[-1].at == n)
                hit--;
            if (lf && !valid) {
                locks_cursor_start(&lc, lf, bi, st);
                valid = true;
            }
            if (lf)
                locks_cursor_to(&lc, i);
            for (; hit < found + nfound && hit->at == n; hit++) {
                gd_access a = hit->acc;
                uint32_t hcap = 0, tcap = 0;
                for (uint32_t l = 0; lf && l < lf->nlocks; l++) {
                    if (lf->locks[l].soft || lf->locks[l].imprecise)
                        continue; /* a hand-made lock; an element of a lock array (no one name) */
                    const char *c = candidate(b, hit, lf->locks[l].where);
                    if (!c)
                        continue;
                    add_unique(b->A, &a.taken, &a.ntaken, &tcap, c);
                    if (locks_must_held(st, l))
                        add_unique(b->A, &a.held, &a.nheld, &hcap, c);
                }
                fl_vec_push(out, a);
            }
        }
    }
}

static bool no_analysis(const ast_func *fn)
{
    const ast_callee *c = fn->self;
    for (uint32_t i = 0; c && i < c->annots.n; i++)
        if (!strcmp(c->annots.texts[i], "no_thread_safety_analysis"))
            return true;
    return false;
}

gd_unit *gd_unit_build(fl_arena *A, const ast_tu *tu, cfg *const *cfgs, const lock_unit *locks)
{
    gd_unit *u = FL_NEW(A, gd_unit);
    gd_vec out = {0};
    builder b = {A, tu, NULL, {0}, {0}, {0}};
    for (uint32_t i = 0; i < tu->nglobals; i++) { /* records that globals hold */
        const ast_type *r = record_in(tu->globals[i]->type);
        if (r)
            fl_vec_push(&b.shared, rec_key(A, r));
    }
    for (uint32_t f = 0; f < tu->nfuncs; f++) {
        const ast_func *fn = tu->funcs[f];
        if (!cfgs[f] || !fn->in_main_file || !fn->body || no_analysis(fn))
            continue;
        b.fn = fn;
        b.fresh.len = 0;
        b.found.len = 0;
        lv_visitor v = {visit_lvalue, NULL, visit_fresh, visit_allocated, &b};
        lv_walk(fn->body, LV_READ, &v);
        if (b.found.len)
            judge(&b, locks ? locks_unit_fn(locks, f) : NULL, cfgs[f], &out);
    }
    fl_vec_free(&b.fresh);
    fl_vec_free(&b.found);
    u->nshared = (uint32_t)b.shared.len;
    u->shared_records = b.shared.len ? fl_arena_memdup(A, b.shared.items, b.shared.len * sizeof *b.shared.items) : NULL;
    fl_vec_free(&b.shared);
    u->n = (uint32_t)out.len;
    u->acc = out.len ? fl_arena_memdup(A, out.items, out.len * sizeof *out.items) : NULL;
    fl_vec_free(&out);
    return u;
}
