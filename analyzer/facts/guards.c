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
    const char *fkey;             /* fn's key (gd_call) */
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
bool gd_is_lock_type(const ast_type *t)
{
    for (int guard = 0; t && guard < 16; guard++, t = t->inner) {
        if (t->name && (strstr(t->name, "mutex") || strstr(t->name, "rwlock") || strstr(t->name, "spin") ||
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

static bool has_pt_guard(ast_annots an)
{
    for (uint32_t i = 0; i < an.n; i++)
        if (!strncmp(an.texts[i], "pt_guarded_by:", 14))
            return true;
    return false;
}

/* The type a pointer type points to (through typedefs), or NULL for any other type. */
static const ast_type *pointee_of(const ast_type *t)
{
    for (int guard = 0; t && t->kind == TYPE_TYPEDEF && guard < 16; guard++)
        t = t->inner;
    return t && t->kind == TYPE_POINTER ? t->inner : NULL;
}

/* An access at `at` to the field or global `n` names (pt: to what that pointer points to). */
static void found_decl(builder *b, ast_node *n, ast_node *at, lv_kind k, bool pt);

static void visit_lvalue(void *ctx, ast_node *n, lv_kind k)
{
    found_decl(ctx, n, n, k, false);
}

/* `q->buf[i]`, `*g_table`, `q->cur->n`: an access to what a field or global pointer points to,
   the evidence for PT_GUARDED_BY on that pointer. */
static void visit_pointee(void *ctx, ast_node *deref, ast_node *ptr, lv_kind k)
{
    ast_node *p = ast_strip_casts(ptr);
    if (p && (p->kind == AST_MEMBER || p->kind == AST_REF) && !(deref->ty & TY_ATOMIC))
        found_decl(ctx, p, deref, k, true);
}

static void found_decl(builder *b, ast_node *n, ast_node *at, lv_kind k, bool pt)
{
    /* `&t->map` handed to hmap_insert(): the callee reads and writes the object through it, so it
       counts as a write here; handed to a const pointer parameter (hmap_count(&t->map)), a read.
       (An array read as a value is an element's read, `a[i]`, or its address decaying: the walk
       does not tell them apart, so neither counts.) */
    if ((k == LV_READ || k == LV_ADDR_CONST) && (n->ty & TY_ARRAY))
        return;
    bool by_address = k == LV_NONE;
    pending p = {0};
    p.at = at;
    p.acc.at = at;
    p.acc.pointee = pt;
    p.acc.fn = b->fn->name;
    p.acc.func = b->fn;
    p.acc.fkey = b->fkey;
    p.acc.write = k == LV_WRITE || by_address;
    p.acc.by_address = by_address || k == LV_ADDR_CONST;
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
    const ast_type *pointee = NULL;
    if (v) {
        if (pt && (!(pointee = pointee_of(v->type)) || (pointee->flags & TYPE_F_CONST) || gd_is_lock_type(pointee)))
            return;
        if ((v->storage != STORAGE_GLOBAL && v->storage != STORAGE_STATIC_LOCAL) || !v->name ||
            (!pt && ((v->ty & (TY_ATOMIC | TY_CONST)) || gd_is_lock_type(v->type))))
            return;
        p.obj = (place){v, ""};
        bool internal = (v->flags & AST_VAR_INTERNAL) || v->storage == STORAGE_STATIC_LOCAL;
        p.acc.decl = internal ? fl_arena_sprintf(b->A, "%ss:%u:%u:%s", pt ? "p" : "", v->span.file, v->span.begin, v->name)
                              : fl_arena_sprintf(b->A, "%sg:%s", pt ? "p" : "", v->name);
        p.acc.name = v->name;
        p.acc.decl_span = v->span;
        p.acc.type = pt ? pointee : v->type;
        p.acc.annotated = pt ? has_pt_guard(v->annots) : has_guard(v->annots);
    } else {
        ast_type *rec;
        ast_field *f;
        if (!obj.root || !lv_last_field(obj, &rec, &f) || !f->name || !rec->name || !fl_span_valid(rec->span) ||
            (rec->flags & TYPE_F_SYSTEM) || /* the C library's structs are not the project's to annotate */
            lv_private(obj, (ast_var *const *)b->fresh.items, b->fresh.len))
            return;
        if (pt ? (!(pointee = pointee_of(f->type)) || (pointee->flags & TYPE_F_CONST) || gd_is_lock_type(pointee))
               : ((n->ty & TY_ATOMIC) || lv_field_const(f) || gd_is_lock_type(f->type)))
            return;
        p.obj = obj;
        p.rec = rec;
        p.acc.rec_key = rec_key(b->A, rec);
        p.acc.decl = fl_arena_sprintf(b->A, "%sf:%u:%u:%s", pt ? "p" : "", rec->span.file, rec->span.begin, f->name);
        p.acc.name = f->name;
        p.acc.record = rec->name;
        p.acc.rec_type = rec;
        p.acc.decl_span = f->span;
        p.acc.type = pt ? pointee : f->type;
        p.acc.annotated = pt ? has_pt_guard(f->annots) : has_guard(f->annots);
    }
    fl_vec_push(&b->found, p);
}

/* A type that synchronizes itself: annotated SYNC, a lock, a record or array holding a lock by
   value at any depth (ovsthread_once, a rate limiter with its own mutex), or one made of atomic
   integers only (ovs_refcount). Its users decide which of its accesses need a lock around them, so
   a GUARDED_BY for a declaration of it would be a guess. An atomic pointer is not enough: an
   RCU-published map (cmap) is read without a lock but written under one, and Open vSwitch's own
   annotations say so. Bounded: 64 types looked at at most. */
bool gd_self_synchronized(const ast_type *t)
{
    const ast_type *todo[64];
    size_t n = 0, seen = 0, leaves = 0, counters = 0;
    if (t)
        todo[n++] = t;
    while (n) {
        if (seen++ >= 64)
            return false;
        t = todo[--n];
        for (int guard = 0; t && guard < 16; guard++) {
            if (gd_is_lock_type(t) || (t->flags & TYPE_F_SYNC))
                return true;
            if (t->kind != TYPE_TYPEDEF && t->kind != TYPE_ARRAY)
                break;
            t = t->inner;
        }
        if (!t)
            continue;
        if (t->kind == TYPE_RECORD && t->nfields) {
            for (uint32_t i = 0; i < t->nfields && n < sizeof todo / sizeof *todo; i++)
                if (t->fields[i].type)
                    todo[n++] = t->fields[i].type;
            continue;
        }
        leaves++;
        if (t->kind == TYPE_ATOMIC) {
            const ast_type *u = t->inner;
            for (int guard = 0; u && u->kind == TYPE_TYPEDEF && guard < 16; guard++)
                u = u->inner;
            counters += u && u->kind != TYPE_POINTER;
        }
    }
    return leaves && counters == leaves;
}

/* The lock object a lock place lies in, as the code names it: `mutex` for OVS's `mutex.lock` (the
   pthread mutex inside a struct ovs_mutex, which its lock functions take), the place itself when no
   outer object is a lock. */
place gd_outer_lock(fl_arena *A, place lk)
{
    const ast_type *t = lk.root->type;
    if (gd_is_lock_type(t))
        return (place){lk.root, ""};
    for (const char *s = lk.path; *s && t; s += place_step_len(s)) {
        ast_type *u = ast_type_strip((ast_type *)t);
        size_t n = place_step_len(s);
        if (*s == '*' && u && u->kind == TYPE_POINTER) { /* `rc->mutex.lock`: through the pointer */
            t = u->inner;
            continue;
        }
        if (*s != '.' || !u)
            return lk;
        ast_field *f = lv_field_of(u, s + 1, n - 1);
        if (!f)
            return lk;
        t = f->type;
        if (gd_is_lock_type(t) && s[n])
            return (place){lk.root, fl_arena_strndup(A, lk.path, (size_t)(s + n - lk.path))};
    }
    return lk;
}

/* A global only its own file sees: two files' `static pthread_mutex_t mutex` are two locks. */
static bool internal_var(const ast_var *v)
{
    return (v->flags & AST_VAR_INTERNAL) || v->storage == STORAGE_STATIC_LOCAL;
}

/* A lock as a candidate for the object: "f:<sibling>" or "g:<global place>" (GD_FILE_MARK and the
   file after it for a `static` one), else NULL. */
static const char *candidate(builder *b, const pending *p, place lk)
{
    if (!lk.root)
        return NULL;
    lk = gd_outer_lock(b->A, lk);
    if (lk.root->storage == STORAGE_GLOBAL || lk.root->storage == STORAGE_STATIC_LOCAL) {
        if (place_path_derefs(lk.path))
            return NULL;
        if (internal_var(lk.root))
            return fl_arena_sprintf(b->A, "g:%s%c%u", place_str(b->A, lk), GD_FILE_MARK, lk.root->span.file);
        return fl_arena_sprintf(b->A, "g:%s", place_str(b->A, lk));
    }
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

static void push_str(fl_arena *A, const char ***arr, uint32_t *n, uint32_t *cap, const char *c)
{
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

static void add_unique(fl_arena *A, const char ***arr, uint32_t *n, uint32_t *cap, const char *c)
{
    for (uint32_t i = 0; i < *n; i++)
        if (!strcmp((*arr)[i], c))
            return;
    push_str(A, arr, n, cap, c);
}

static int by_node(const void *x, const void *y)
{
    const pending *a = x, *b = y;
    return (uintptr_t)a->at < (uintptr_t)b->at ? -1 : (uintptr_t)a->at > (uintptr_t)b->at;
}

/* The place a lock held on entry names in this function ("P<i>|<path>" or "G<name>|<path>"). */
static place entry_place(builder *b, const char *e)
{
    const char *bar = strchr(e, '|');
    if (!bar)
        return (place){NULL, NULL};
    if (e[0] == 'P') {
        unsigned long i = strtoul(e + 1, NULL, 10);
        if (i >= b->fn->nparams || !b->fn->params[i])
            return (place){NULL, NULL};
        return (place){b->fn->params[i], fl_arena_strdup(b->A, bar + 1)};
    }
    /* a global: a stand-in variable of that name (candidate() only reads its name, storage,
       linkage and file) */
    ast_var *v = FL_NEW(b->A, ast_var);
    const char *mark = memchr(e + 1, GD_FILE_MARK, (size_t)(bar - e - 1));
    v->name = fl_arena_strndup(b->A, e + 1, (size_t)((mark ? mark : bar) - e - 1));
    v->storage = STORAGE_GLOBAL;
    if (mark) {
        v->flags |= AST_VAR_INTERNAL;
        v->span.file = (uint32_t)strtoul(mark + 1, NULL, 10);
    }
    return (place){v, fl_arena_strdup(b->A, bar + 1)};
}

/* Call visit(ctx, n, st, lc) for every expression element n of g that want(ctx, n) accepts, in
   reverse post-order, with st the lockset right before it and lc the cursor there (both NULL
   without lf): one cursor walk per block. */
static void each_expr(fl_arena *A, const lock_fn *lf, const cfg *g, bool (*want)(void *ctx, const ast_node *n),
                      void (*visit)(void *ctx, ast_node *n, const fl_word *st, const locks_cursor *lc), void *ctx)
{
    fl_word *st = lf ? FL_NEW_ARRAY(A, fl_word, lf->nwords ? lf->nwords : 1) : NULL;
    for (uint32_t r = 0; r < g->nrpo; r++) {
        uint32_t bi = g->rpo[r];
        const cfg_block *blk = &g->blocks[bi];
        bool valid = false;
        locks_cursor lc = {0};
        for (uint32_t i = 0; i < blk->nelems; i++) {
            ast_node *n = blk->elems[i].node;
            if (blk->elems[i].kind != CFG_EXPR || !n || !want(ctx, n))
                continue;
            if (lf && !valid) {
                locks_cursor_start(&lc, lf, bi, st);
                valid = true;
            }
            if (lf)
                locks_cursor_to(&lc, i);
            visit(ctx, n, st, lf ? &lc : NULL);
        }
    }
}

/* Held and taken candidates of each access found in the function, in CFG order; `ents`: the locks
   every caller holds (gd_entry). */
typedef struct judging {
    builder *b;
    const lock_fn *lf;
    const char **ents;
    uint32_t nents;
    gd_vec *out;
} judging;

static pending *first_at(builder *b, const ast_node *n)
{
    pending key = {.at = (ast_node *)n};
    pending *found = b->found.items, *hit = bsearch(&key, found, b->found.len, sizeof *found, by_node);
    while (hit && hit > found && hit[-1].at == n)
        hit--;
    return hit;
}

static bool is_access(void *ctx, const ast_node *n)
{
    return first_at(((judging *)ctx)->b, n) != NULL;
}

/* The last operations on lock l before the cursor are all exclusive ones: a write under a
   reader-writer lock's read side does not hold it (other readers may write too). */
static bool held_exclusive(const lock_fn *lf, const locks_cursor *lc, uint32_t l)
{
    uint32_t last[8];
    uint32_t nl = lc ? locks_cursor_last_sites(lc, l, last, 8) : 0;
    for (uint32_t i = 0; i < nl && i < 8; i++)
        if (lock_op_shared(lf->sites[last[i]].op))
            return false;
    return true;
}

static void judge_at(void *ctx, ast_node *n, const fl_word *st, const locks_cursor *lc)
{
    judging *j = ctx;
    builder *b = j->b;
    const lock_fn *lf = j->lf;
    pending *end = b->found.items + b->found.len;
    for (pending *hit = first_at(b, n); hit && hit < end && hit->at == n; hit++) {
        gd_access a = hit->acc;
        uint32_t hcap = 0, tcap = 0;
        for (uint32_t l = 0; lf && l < lf->nlocks; l++) {
            if (lf->locks[l].soft || lf->locks[l].imprecise)
                continue; /* a hand-made lock; an element of a lock array (no one name) */
            const char *c = candidate(b, hit, lf->locks[l].where);
            if (!c)
                continue;
            add_unique(b->A, &a.taken, &a.ntaken, &tcap, c);
            if (locks_must_held(st, l) && (!a.write || held_exclusive(lf, lc, l)))
                add_unique(b->A, &a.held, &a.nheld, &hcap, c);
        }
        uint32_t ecap = 0, xcap = 0, fcap = 0;
        for (uint32_t e = 0; e < j->nents; e++) { /* held by every caller: held, and had */
            place ep = entry_place(b, j->ents[e]);
            const char *c = ep.root ? candidate(b, hit, ep) : NULL;
            if (!c)
                continue;
            bool own = false;
            for (uint32_t h = 0; h < a.nheld && !own; h++)
                own = !strcmp(a.held[h], c);
            add_unique(b->A, &a.taken, &a.ntaken, &tcap, c);
            add_unique(b->A, &a.held, &a.nheld, &hcap, c);
            bool dup = false;
            for (uint32_t k = 0; k < a.nentry && !dup; k++)
                dup = !strcmp(a.entry[k], c);
            if (!own && !dup) {
                uint32_t ne = a.nentry, nf = a.nentry;
                push_str(b->A, &a.entry, &a.nentry, &ecap, c);
                push_str(b->A, &a.entry_expr, &ne, &xcap, place_str(b->A, ep));
                push_str(b->A, &a.entry_frame, &nf, &fcap, j->ents[e]);
            }
        }
        fl_vec_push(j->out, a);
    }
}

static void judge(builder *b, const lock_fn *lf, const cfg *g, const char **ents, uint32_t nents, gd_vec *out)
{
    qsort(b->found.items, b->found.len, sizeof *b->found.items, by_node);
    judging j = {b, lf, ents, nents, out};
    each_expr(b->A, lf, g, is_access, judge_at, &j);
}

static bool no_analysis(const ast_func *fn)
{
    const ast_callee *c = fn->self;
    for (uint32_t i = 0; c && i < c->annots.n; i++)
        if (!strcmp(c->annots.texts[i], "no_thread_safety_analysis"))
            return true;
    return false;
}

/* A function's key: its name, or for a `static` one its unit's file and name. */
static const char *callee_key(fl_arena *A, const ast_callee *c, const char *file)
{
    return c->is_static ? fl_arena_sprintf(A, "s:%s:%s", file, c->name) : c->name;
}

static const char *fn_key(fl_arena *A, const ast_func *fn, const char *file)
{
    if (fn->self)
        return callee_key(A, fn->self, file);
    return fn->is_static ? fl_arena_sprintf(A, "s:%s:%s", file, fn->name) : fn->name;
}

/* A place in the function's frame as a string: "P<param>|<path>", "L<var>|<path>" (a local), or
   "G<name>|<path>" (a global; its name followed by GD_FILE_MARK and its file when `static`), the lock trimmed to the lock object (outer_lock); NULL otherwise. */
static const char *frame_str(fl_arena *A, const ast_func *fn, place p, bool lock)
{
    if (!p.root)
        return NULL;
    if (lock)
        p = gd_outer_lock(A, p);
    ast_var *r = p.root;
    if (r->storage == STORAGE_GLOBAL || r->storage == STORAGE_STATIC_LOCAL)
        return !r->name          ? NULL
               : internal_var(r) ? fl_arena_sprintf(A, "G%s%c%u|%s", r->name, GD_FILE_MARK, r->span.file, p.path)
                                 : fl_arena_sprintf(A, "G%s|%s", r->name, p.path);
    if (r->storage == STORAGE_PARAM) {
        int32_t i = ast_func_param_index(fn, r);
        return i < 0 ? NULL : fl_arena_sprintf(A, "P%d|%s", i, p.path);
    }
    if (r->storage == STORAGE_LOCAL)
        return fl_arena_sprintf(A, "L%u|%s", r->index, p.path);
    return NULL;
}

const char *gd_frame_text(fl_arena *A, const ast_func *fn, const char *frame)
{
    builder b = {0};
    b.A = A;
    b.fn = fn;
    place p = entry_place(&b, frame);
    return p.root && p.root->name ? place_str(A, p) : NULL;
}

/* What an argument points to, in the caller's frame: `dp` (a pointer variable) is "<dp>|*",
   `&x->sub` "<x>|*.sub"; else NULL. */
static const char *arg_str(fl_arena *A, const ast_func *fn, ast_node *arg)
{
    ast_node *e = ast_strip_casts(arg);
    if (!e)
        return NULL;
    if (e->kind == AST_REF && e->var && (e->var->ty & TY_POINTER))
        return frame_str(A, fn, (place){e->var, "*"}, false);
    if (e->kind == AST_UNARY && e->op == UN_ADDR_OF)
        return frame_str(A, fn, place_of_pointee(A, e), false);
    return NULL;
}

const char *gd_translate(fl_arena *A, const gd_call *c, const char *lock)
{
    if (lock[0] == 'G')
        return lock;
    const char *bar = strchr(lock, '|');
    if (!bar)
        return NULL;
    size_t root = (size_t)(bar - lock);
    for (uint32_t i = 0; i < c->nargs; i++) {
        const char *a = c->args[i];
        if (!a || strncmp(a, lock, root + 1) != 0)
            continue;
        const char *apath = a + root + 1, *lpath = bar + 1;
        size_t n = strlen(apath);
        /* the lock lies inside what the argument points to: its path goes on at a step */
        if (strncmp(lpath, apath, n) != 0 || (lpath[n] && lpath[n] != '.' && lpath[n] != '*' && lpath[n] != '['))
            continue;
        return fl_arena_sprintf(A, "P%u|*%s", i, lpath + n);
    }
    return NULL;
}

typedef FL_VEC(gd_call) call_vec;
typedef FL_VEC(const char *) str_vec;

/* The function refs of a body that are not a call's callee: its address is taken. */
static void address_taken(fl_arena *A, ast_node *body, const char *file, str_vec *out)
{
    FL_VEC(ast_node *) st = {0};
    fl_vec_push(&st, body);
    while (st.len) {
        ast_node *n = st.items[--st.len];
        if (!n)
            continue;
        if (n->kind == AST_REF && (n->flags & AST_F_FUNC_REF) && n->callee && n->callee->name)
            fl_vec_push(out, callee_key(A, n->callee, file));
        for (uint16_t i = 0; i < n->nkids; i++) {
            ast_node *k = n->kids[i];
            if (n->kind == AST_CALL && i == 0) {
                ast_node *c = ast_strip_casts(k);
                if (c && c->kind == AST_REF && (c->flags & AST_F_FUNC_REF))
                    continue; /* a direct call */
            }
            fl_vec_push(&st, k);
        }
    }
    fl_vec_free(&st);
}

typedef struct calling {
    fl_arena *A;
    const ast_func *fn;
    const char *file, *me;
    const lock_fn *lf;
    call_vec *calls;
} calling;

static bool is_call(void *ctx, const ast_node *n)
{
    (void)ctx;
    return n->kind == AST_CALL && n->callee && n->callee->name && !(n->callee->system && !n->callee->def);
}

static void call_at(void *ctx, ast_node *n, const fl_word *st, const locks_cursor *lc)
{
    (void)lc;
    calling *cl = ctx;
    fl_arena *A = cl->A;
    const lock_fn *lf = cl->lf;
    gd_call c = {cl->me, callee_key(A, n->callee, cl->file), cl->fn, NULL, 0, NULL, 0};
    str_vec held = {0};
    for (uint32_t l = 0; lf && l < lf->nlocks; l++) {
        if (lf->locks[l].soft || lf->locks[l].imprecise || !locks_must_held(st, l))
            continue;
        const char *s = frame_str(A, cl->fn, lf->locks[l].where, true);
        if (s)
            fl_vec_push(&held, s);
    }
    c.nheld = (uint32_t)held.len;
    c.held = held.len ? fl_arena_memdup(A, held.items, held.len * sizeof *held.items) : NULL;
    fl_vec_free(&held);
    c.nargs = n->nkids > 1 ? (uint32_t)(n->nkids - 1) : 0;
    c.args = c.nargs ? FL_NEW_ARRAY(A, const char *, c.nargs) : NULL;
    for (uint32_t k = 0; k < c.nargs; k++)
        c.args[k] = arg_str(A, cl->fn, n->kids[k + 1]);
    fl_vec_push(cl->calls, c);
}

gd_calls *gd_calls_build(fl_arena *A, const ast_tu *tu, cfg *const *cfgs, const lock_unit *locks, const char *file)
{
    gd_calls *out = FL_NEW(A, gd_calls);
    call_vec calls = {0};
    str_vec taken = {0}, defined = {0};
    for (uint32_t f = 0; f < tu->nfuncs; f++) {
        const ast_func *fn = tu->funcs[f];
        const cfg *g = cfgs[f];
        if (!g || !fn->body)
            continue;
        const char *me = fn_key(A, fn, file);
        if (fn->in_main_file)
            fl_vec_push(&defined, me);
        address_taken(A, fn->body, file, &taken);
        calling cl = {A, fn, file, me, locks ? locks_unit_fn(locks, f) : NULL, &calls};
        each_expr(A, cl.lf, g, is_call, call_at, &cl);
    }
    out->n = (uint32_t)calls.len;
    out->calls = calls.len ? fl_arena_memdup(A, calls.items, calls.len * sizeof *calls.items) : NULL;
    out->ntaken = (uint32_t)taken.len;
    out->taken = taken.len ? fl_arena_memdup(A, taken.items, taken.len * sizeof *taken.items) : NULL;
    out->ndefined = (uint32_t)defined.len;
    out->defined = defined.len ? fl_arena_memdup(A, defined.items, defined.len * sizeof *defined.items) : NULL;
    fl_vec_free(&calls);
    fl_vec_free(&taken);
    fl_vec_free(&defined);
    return out;
}

gd_unit *gd_unit_build(fl_arena *A, const ast_tu *tu, cfg *const *cfgs, const lock_unit *locks, const char *file,
                       const gd_entry *entry)
{
    gd_unit *u = FL_NEW(A, gd_unit);
    gd_vec out = {0};
    builder b = {A, tu, NULL, NULL, {0}, {0}, {0}};
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
        b.fkey = fn_key(A, fn, file);
        b.fresh.len = 0;
        b.found.len = 0;
        lv_visitor v = {visit_lvalue, visit_pointee, visit_fresh, visit_allocated, &b};
        lv_walk(fn->body, LV_READ, &v);
        if (!b.found.len)
            continue;
        uint32_t ne = 0;
        const char **ents = entry ? entry->lookup(entry->ctx, b.fkey, &ne) : NULL;
        judge(&b, locks ? locks_unit_fn(locks, f) : NULL, cfgs[f], ents, ne, &out);
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
