/* fnslots.c - which of the unit's functions a call through a function pointer may enter (see fnslots.h). */
#include "fnslots.h"

#include <stdlib.h>
#include <string.h>

#include "../base/strmap.h"
#include "../base/vec.h"
#include "sendsync.h"

typedef FL_VEC(fn_slot_target) target_vec;

typedef struct slot {
    target_vec fns;
    fl_u32_vec succ; /* the slots that receive what this one holds */
    bool many;       /* more than FNS_MAX: unknown */
} slot;

struct fn_slots {
    fl_arena *A;
    const ast_tu *tu;
    cfg *const *cfgs;
    bool built;
    fl_strmap ids;
    FL_VEC(slot) s;
};

fn_slots *fn_slots_new(fl_arena *A, const ast_tu *tu, cfg *const *cfgs)
{
    fn_slots *s = FL_NEW(A, fn_slots);
    s->A = A;
    s->tu = tu;
    s->cfgs = cfgs;
    return s;
}

static const char *record_name(const ast_type *t)
{
    t = ss_strip_typedefs(t);
    if (!t || t->kind != TYPE_RECORD || !t->name)
        return NULL;
    const char *n = t->name;
    while (strncmp(n, "const ", 6) == 0)
        n += 6;
    return n;
}

/* The slots an lvalue or a callee expression names: the field of a struct type, with `*obj` the
   same field of one global object when the expression starts at one; a global, parameter or
   local variable. NULL when it names none. */
static const char *slot_key(fn_slots *s, const ast_node *e, const char **obj)
{
    *obj = NULL;
    e = ast_strip_casts((ast_node *)e);
    if (e && e->kind == AST_UNARY && e->op == UN_DEREF && e->nkids == 1)
        e = ast_strip_casts(e->kids[0]); /* (*fp)(x) */
    while (e && e->kind == AST_INDEX && e->nkids)
        e = ast_strip_casts(e->kids[0]); /* handlers[i] */
    if (!e)
        return NULL;
    if (e->kind == AST_MEMBER && e->nkids == 1 && e->name) {
        const ast_type *b = ss_expr_type(e->kids[0]);
        if (b && (e->flags & AST_F_ARROW)) {
            b = ss_strip_typedefs(b);
            b = b && b->kind == TYPE_POINTER ? b->inner : NULL;
        }
        const char *rec = record_name(b);
        if (!rec)
            return NULL;
        /* the object: through `.` and indexes only, down to a global */
        const ast_node *o = e;
        while (o && (o->kind == AST_INDEX || (o->kind == AST_MEMBER && !(o->flags & AST_F_ARROW))) && o->nkids)
            o = ast_strip_parens(o->kids[0]);
        if (o && o->kind == AST_REF && o->var &&
            (o->var->storage == STORAGE_GLOBAL || o->var->storage == STORAGE_STATIC_LOCAL))
            *obj = fl_arena_sprintf(s->A, "o:%p.%s", (const void *)o->var, e->name);
        return fl_arena_sprintf(s->A, "f:%s.%s", rec, e->name);
    }
    if (e->kind != AST_REF || !e->var || (e->flags & AST_F_FUNC_REF))
        return NULL;
    switch (e->var->storage) {
    case STORAGE_GLOBAL:
    case STORAGE_STATIC_LOCAL:
    case STORAGE_PARAM:
    case STORAGE_LOCAL:
        return fl_arena_sprintf(s->A, "v:%p", (const void *)e->var);
    default:
        return NULL;
    }
}

static uint32_t slot_id(fn_slots *s, const char *key)
{
    uint32_t id;
    if (fl_strmap_get(&s->ids, key, &id))
        return id;
    id = (uint32_t)s->s.len;
    fl_vec_push(&s->s, ((slot){0}));
    fl_strmap_put(&s->ids, key, id);
    return id;
}

static bool add_target(slot *sl, fn_slot_target t)
{
    if (sl->many)
        return false;
    for (size_t i = 0; i < sl->fns.len; i++)
        if (sl->fns.items[i].fn == t.fn)
            return false;
    if (sl->fns.len == FNS_MAX) {
        sl->many = true;
        return true;
    }
    fl_vec_push(&sl->fns, t);
    return true;
}

/* The function a value gives (`on_tick`, `&on_tick`), when the unit defines it. */
static const ast_func *fn_value(const ast_node *v)
{
    v = ast_strip_casts((ast_node *)v);
    if (v && v->kind == AST_UNARY && v->op == UN_ADDR_OF && v->nkids == 1)
        v = ast_strip_casts(v->kids[0]);
    return v && v->kind == AST_REF && (v->flags & AST_F_FUNC_REF) && v->callee ? v->callee->def : NULL;
}

/* A value of pointer-to-function type. */
static bool fn_pointer_value(const ast_node *v)
{
    if (!v || !(v->ty & TY_POINTER))
        return false;
    const ast_type *t = ss_strip_typedefs(ss_expr_type(v));
    t = t && t->kind == TYPE_POINTER ? ss_strip_typedefs(t->inner) : NULL;
    return t && t->kind == TYPE_FUNCTION;
}

/* The slot an lvalue names (slot_key), when the value stored there gives functions: one, or a
   function pointer (no key is made for the unit's other stores). */
static const char *store_key(fn_slots *s, const ast_node *lhs, const ast_node *v, const char **obj)
{
    *obj = NULL;
    return fn_value(v) || fn_pointer_value(v) ? slot_key(s, lhs, obj) : NULL;
}

/* `to` (and `to_obj`) receive what value v gives: a function, or what another slot holds. */
static void store(fn_slots *s, const char *to, const char *to_obj, const ast_node *v, fl_span at)
{
    if (!to)
        return;
    const ast_func *f = fn_value(v);
    const char *from_obj, *from = f ? NULL : slot_key(s, v, &from_obj);
    if (!f && !from)
        return;
    const char *keys[2] = {to, to_obj};
    for (int k = 0; k < 2 && keys[k]; k++) {
        uint32_t t = slot_id(s, keys[k]);
        if (f) {
            add_target(&s->s.items[t], (fn_slot_target){f, at});
            continue;
        }
        uint32_t src = slot_id(s, from_obj ? from_obj : from); /* may move the slots */
        fl_vec_push(&s->s.items[src].succ, t);
    }
}

static void build(fn_slots *s)
{
    s->built = true;
    const ast_tu *tu = s->tu;
    for (uint32_t fi = 0; fi < tu->nfuncs; fi++) {
        const cfg *g = s->cfgs[fi];
        for (uint32_t bi = 0; g && bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                const cfg_elem *el = &g->blocks[bi].elems[i];
                const ast_node *n = el->node;
                if (!n)
                    continue;
                const ast_node *v = el->kind == CFG_DECL && el->var && n->nkids == 1 ? n->kids[0] : NULL;
                if (v && (fn_value(v) || fn_pointer_value(v))) {
                    store(s, fl_arena_sprintf(s->A, "v:%p", (const void *)el->var), NULL, v, v->span);
                    continue;
                }
                if (el->kind != CFG_EXPR)
                    continue;
                if (n->kind == AST_BINARY && n->op == BIN_ASSIGN && n->nkids == 2) {
                    const char *obj, *to = store_key(s, n->kids[0], n->kids[1], &obj);
                    store(s, to, obj, n->kids[1], n->span);
                } else if (n->kind == AST_CALL && n->callee && n->callee->def) {
                    const ast_func *d = n->callee->def;
                    for (uint32_t a = 0; a < d->nparams && a + 1 < n->nkids; a++) {
                        const ast_node *arg = n->kids[a + 1];
                        if (arg && (fn_value(arg) || fn_pointer_value(arg)))
                            store(s, fl_arena_sprintf(s->A, "v:%p", (const void *)d->params[a]), NULL, arg, arg->span);
                    }
                }
            }
    }
    for (uint32_t i = 0; i < tu->nfn_inits; i++) {
        const ast_fn_init *in = &tu->fn_inits[i];
        if (!in->fn || !in->fn->def)
            continue;
        fn_slot_target t = {in->fn->def, in->span};
        const char *rec = in->record ? record_name(in->record) : NULL;
        const char *keys[2] = {NULL, NULL};
        if (in->record && rec && in->field) {
            keys[0] = fl_arena_sprintf(s->A, "f:%s.%s", rec, in->field);
            if (in->global)
                keys[1] = fl_arena_sprintf(s->A, "o:%p.%s", (const void *)in->global, in->field);
        } else if (!in->record && in->global)
            keys[0] = fl_arena_sprintf(s->A, "v:%p", (const void *)in->global);
        for (int k = 0; k < 2 && keys[k]; k++) {
            uint32_t id = slot_id(s, keys[k]); /* may move the slots */
            add_target(&s->s.items[id], t);
        }
    }
    /* along the edges, to a fixed point: a slot is queued again only when it gained something,
       and holds at most FNS_MAX + 1 states, so the work is linear in the edges */
    fl_u32_vec work = {0};
    for (uint32_t i = 0; i < s->s.len; i++)
        if ((s->s.items[i].fns.len || s->s.items[i].many) && s->s.items[i].succ.len)
            fl_vec_push(&work, i);
    while (work.len) {
        uint32_t from = work.items[--work.len];
        for (size_t k = 0; k < s->s.items[from].succ.len; k++) {
            uint32_t to = s->s.items[from].succ.items[k];
            slot *src = &s->s.items[from], *dst = &s->s.items[to];
            bool grew = false;
            if (src->many && !dst->many)
                dst->many = grew = true;
            for (size_t j = 0; j < src->fns.len && !dst->many; j++)
                grew |= add_target(dst, src->fns.items[j]);
            if (grew && dst->succ.len)
                fl_vec_push(&work, to);
        }
    }
    fl_vec_free(&work);
    /* keep the answers in the arena; the map's keys are there already */
    for (size_t i = 0; i < s->s.len; i++) {
        slot *sl = &s->s.items[i];
        size_t n = sl->fns.len;
        fn_slot_target *kept = n ? fl_arena_memdup(s->A, sl->fns.items, n * sizeof *sl->fns.items) : NULL;
        fl_vec_free(&sl->fns);
        fl_vec_free(&sl->succ);
        sl->fns.items = kept;
        sl->fns.len = sl->fns.cap = n;
    }
}

void fn_slots_free(fn_slots *s)
{
    if (!s || !s->built)
        return;
    fl_strmap_free(&s->ids);
    fl_vec_free(&s->s);
}

uint32_t fn_slots_targets(fn_slots *s, const ast_node *call, const fn_slot_target **out)
{
    *out = NULL;
    if (!call || call->kind != AST_CALL || call->callee || !call->nkids)
        return 0;
    if (!s->built)
        build(s);
    const char *obj, *key = slot_key(s, call->kids[0], &obj);
    /* the global object's field when stores name it, else the field of every object */
    uint32_t id;
    if (!key || !((obj && fl_strmap_get(&s->ids, obj, &id) && (s->s.items[id].fns.len || s->s.items[id].many)) ||
                  fl_strmap_get(&s->ids, key, &id)))
        return 0;
    const slot *sl = &s->s.items[id];
    if (sl->many || !sl->fns.len)
        return 0;
    uint32_t nargs = (uint32_t)call->nkids - 1;
    for (size_t i = 0; i < sl->fns.len; i++) {
        const ast_callee *c = sl->fns.items[i].fn->self;
        if (c && (c->variadic ? nargs < c->nparams : nargs != c->nparams))
            return 0; /* a function of another type stored there: not a slot of one kind */
    }
    *out = sl->fns.items;
    return (uint32_t)sl->fns.len;
}
