/* threads.c - the thread API table, and wrappers known from summaries or annotations. */
#include "threads.h"

#include <string.h>

#include "summary.h"
#include "../base/vec.h"
#include "../ir/cond.h"

typedef struct api {
    const char *name;
    thr_kind kind;
    int nargs;   /* arguments the call must have */
    int handle, func, arg; /* argument positions, -1 when absent */
} api;

static const api apis[] = {
    {"pthread_create", THR_SPAWN, 4, 0, 2, 3},
    {"thrd_create", THR_SPAWN, 3, 0, 1, 2},
    {"pthread_join", THR_JOIN, 2, 0, -1, -1},
    {"pthread_tryjoin_np", THR_JOIN, 2, 0, -1, -1},
    {"pthread_timedjoin_np", THR_JOIN, 3, 0, -1, -1},
    {"pthread_clockjoin_np", THR_JOIN, 4, 0, -1, -1},
    {"thrd_join", THR_JOIN, 2, 0, -1, -1},
    {"pthread_detach", THR_DETACH, 1, 0, -1, -1},
    {"thrd_detach", THR_DETACH, 1, 0, -1, -1},
};

static bool is_fl_move(const ast_node *e)
{
    e = ast_strip_casts((ast_node *)e);
    return e && e->kind == AST_CALL && e->name && strcmp(e->name, "fl_move") == 0;
}

static thr_handle map_handle(sum_handle h)
{
    switch (h) {
    case SUM_HANDLE_PARAM:
        return THR_HANDLE_PTR;
    case SUM_HANDLE_RETURNED:
        return THR_HANDLE_RESULT;
    case SUM_HANDLE_DETACHED:
        return THR_HANDLE_DETACHED;
    case SUM_HANDLE_NONE:
    case SUM_HANDLE_HIDDEN:
    default:
        return THR_HANDLE_HIDDEN;
    }
}

/* A call to a function whose summary (computed or annotated) spawns or joins. The first
   parameter with each role is the one reported: a wrapper has one thread function, one
   argument and one handle in every case we have met. */
static thr_call classify_wrapper(const sum_table *sums, const ast_node *call)
{
    thr_call r = {0};
    const ast_callee *ce = call->callee;
    const fn_summary *s = sum_of(sums, ce);
    if (!s || call->nkids < 1 || (uint32_t)(call->nkids - 1) < s->nparams)
        return r;
    uint16_t all = 0;
    for (uint32_t i = 0; i < s->nparams; i++)
        all |= s->param[i];
    bool spawn = s->handle != SUM_HANDLE_NONE ||
                 (all & (SUMP_SPAWN_HANDLE | SUMP_SPAWN_FN | SUMP_SPAWN_ARG | SUMP_SPAWN_ARG_MOVED));
    if (spawn) {
        r.kind = THR_SPAWN;
        r.handle_kind = map_handle(s->handle);
        for (uint32_t i = 0; i < s->nparams; i++) {
            ast_node *a = call->kids[1 + i];
            uint16_t f = s->param[i];
            if ((f & SUMP_SPAWN_HANDLE) && !r.handle && s->handle == SUM_HANDLE_PARAM) {
                r.handle = a;
                r.handle_path = s->handle_path ? s->handle_path[i] : NULL;
            }
            if ((f & SUMP_SPAWN_FN) && !r.func)
                r.func = a;
            if ((f & (SUMP_SPAWN_ARG | SUMP_SPAWN_ARG_MOVED)) && !r.arg) {
                r.arg = a;
                r.moved = (f & SUMP_SPAWN_ARG_MOVED) || is_fl_move(a);
            }
        }
        if (r.handle_kind == THR_HANDLE_PTR && !r.handle)
            r.handle_kind = THR_HANDLE_HIDDEN;
        if (r.handle && !r.handle_path)
            r.handle_path = "*";
    } else if (all & SUMP_JOINS) {
        r.kind = THR_JOIN;
        for (uint32_t i = 0; i < s->nparams && !r.handle; i++)
            if (s->param[i] & SUMP_JOINS) {
                r.handle = call->kids[1 + i];
                r.handle_path = s->handle_path && s->handle_path[i] ? s->handle_path[i] : "";
            }
    } else {
        return r;
    }
    r.api = ce->name;
    r.via_wrapper = true;
    return r;
}

thr_call thr_classify(const sum_table *sums, const ast_node *call)
{
    thr_call r = {0};
    if (!call || call->kind != AST_CALL)
        return r;
    if (call->name) {
        for (size_t i = 0; i < sizeof apis / sizeof apis[0]; i++) {
            const api *a = &apis[i];
            if (strcmp(call->name, a->name) != 0 || call->nkids != a->nargs + 1)
                continue;
            r.kind = a->kind;
            r.api = a->name;
            r.handle = a->handle >= 0 ? call->kids[1 + a->handle] : NULL;
            r.func = a->func >= 0 ? call->kids[1 + a->func] : NULL;
            r.arg = a->arg >= 0 ? call->kids[1 + a->arg] : NULL;
            r.handle_kind = THR_HANDLE_PTR;
            if (r.arg)
                r.moved = is_fl_move(r.arg);
            return r;
        }
    }
    return classify_wrapper(sums, call);
}

place thr_compose_path(fl_arena *arena, ast_node *arg, const char *path)
{
    place none = {NULL, NULL};
    if (!arg || !path)
        return none;
    if (path[0] == '*') {
        /* `&w` with "*.tid" is w.tid; an array `t` with "*" is t[0], with "*[*]" t[*] */
        ast_node *a = ast_strip_casts(arg);
        if (a && a->kind == AST_UNARY && a->op == UN_ADDR_OF && a->nkids == 1) {
            place p = place_of(arena, a->kids[0]);
            return place_append(arena, p, path + 1);
        }
        if (a && (a->ty & TY_ARRAY)) {
            place p = place_of(arena, a);
            if (path[1] == '[')
                return place_append(arena, p, path + 1);
            return place_append(arena, p, fl_arena_sprintf(arena, "[0]%s", path + 1));
        }
    }
    /* a pointer value `wp` with "*.tid" is wp->tid; a handle by value with "" is itself */
    return place_append(arena, place_of(arena, arg), path);
}

place thr_handle_place(fl_arena *arena, const thr_call *tc)
{
    place none = {NULL, NULL};
    if (!tc->handle)
        return none;
    if (tc->via_wrapper)
        return thr_compose_path(arena, tc->handle, tc->handle_path ? tc->handle_path : "");
    if (tc->kind == THR_SPAWN)
        return tc->handle_kind == THR_HANDLE_PTR ? place_of_pointee(arena, tc->handle) : none;
    return place_of(arena, tc->handle);
}

/* ---- trampolines ------------------------------------------------------------------------------ */

/* Is e (through parentheses and casts) a variable of fn in `alias` (bit per var index)? */
static ast_var *alias_ref(const ast_func *fn, const bool *alias, ast_node *e)
{
    e = ast_strip_casts(e);
    if (!e || e->kind != AST_REF || !e->var || e->var->index >= fn->nvars || fn->vars[e->var->index] != e->var ||
        !alias[e->var->index])
        return NULL;
    return e->var;
}

/* A member `x->f` (x an alias pointer) or `x.f` (x an alias struct copy): its field name. With
   `field` (per var index), a local that copied such a member (`start = aux->start`) gives its
   field too. */
static const char *alias_member(const ast_func *fn, const bool *ptr, const bool *copy, const char *const *field,
                                ast_node *e)
{
    e = ast_strip_casts(e);
    if (field && e && e->kind == AST_REF && e->var && e->var->index < fn->nvars && fn->vars[e->var->index] == e->var)
        return field[e->var->index];
    if (!e || e->kind != AST_MEMBER || !e->nkids || !e->name)
        return NULL;
    bool arrow = (e->flags & AST_F_ARROW) != 0;
    return alias_ref(fn, arrow ? ptr : copy, e->kids[0]) ? e->name : NULL;
}

bool thr_trampoline(fl_arena *arena, const ast_func *fn, const cfg *g, const char **fn_field, const char **arg_field)
{
    if (!fn || !g || fn->nparams != 1 || !(fn->params[0]->ty & TY_POINTER))
        return false;
    /* the parameter and locals that copy it (`struct aux *auxp = aux_`), and struct locals
       that copy what it points to (`aux = *auxp`) */
    bool *ptr = FL_NEW_ARRAY(arena, bool, fn->nvars + 1), *copy = FL_NEW_ARRAY(arena, bool, fn->nvars + 1);
    const char **field = FL_NEW_ARRAY(arena, const char *, fn->nvars + 1); /* `start = aux->start` */
    ptr[fn->params[0]->index] = true;
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t bi = 0; bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                const cfg_elem *el = &g->blocks[bi].elems[i];
                ast_var *v;
                ast_node *val = ast_strip_casts(cond_stored_value(el, &v));
                if (!v || !val || v->index >= fn->nvars || fn->vars[v->index] != v || v->storage != STORAGE_LOCAL)
                    continue;
                if ((v->ty & TY_POINTER) && alias_ref(fn, ptr, val))
                    ptr[v->index] = true;
                else if ((v->ty & TY_RECORD) && val->kind == AST_UNARY && val->op == UN_DEREF && val->nkids &&
                         alias_ref(fn, ptr, val->kids[0]))
                    copy[v->index] = true;
                else if (pass == 1)
                    field[v->index] = alias_member(fn, ptr, copy, NULL, val);
            }
    /* the call `x.start(x.arg)` */
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
            const ast_node *n = g->blocks[bi].elems[i].node;
            if (g->blocks[bi].elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL || n->callee || n->nkids != 2)
                continue;
            const char *f = alias_member(fn, ptr, copy, field, n->kids[0]);
            const char *a = f ? alias_member(fn, ptr, copy, field, n->kids[1]) : NULL;
            if (f && a) {
                *fn_field = f;
                *arg_field = a;
                return true;
            }
        }
    return false;
}

/* The parameter fn returns unchanged on every return (`return c;`, c never assigned, its
   address never taken), or -1. */
static int32_t returned_param(const ast_func *fn)
{
    if (!fn || !fn->body)
        return -1;
    FL_VEC(const ast_node *) stack = {0};
    const ast_var *ret = NULL;
    bool ok = true;
    /* first the returns, then (once one parameter is known) the writes to it */
    for (int pass = 0; pass < 2 && ok; pass++) {
        stack.len = 0;
        fl_vec_push(&stack, (const ast_node *)fn->body);
        while (stack.len && ok) {
            const ast_node *n = stack.items[--stack.len];
            if (pass == 0 && n->kind == AST_RETURN) {
                const ast_node *e = n->nkids ? ast_strip_casts(n->kids[0]) : NULL;
                const ast_var *v = e && e->kind == AST_REF ? e->var : NULL;
                ok = v && v->storage == STORAGE_PARAM && (!ret || ret == v);
                ret = v;
            } else if (pass == 1) {
                const ast_node *lv = cond_node_written_lvalue(n);
                if (lv && lv->kind == AST_REF && lv->var == ret)
                    ok = false; /* the parameter is assigned or stepped */
            }
            for (uint32_t i = 0; i < n->nkids; i++)
                if (n->kids[i])
                    fl_vec_push(&stack, (const ast_node *)n->kids[i]);
        }
        ok &= ret && !(ret->flags & AST_VAR_ADDRESS_TAKEN);
    }
    fl_vec_free(&stack);
    return ok ? ast_func_param_index(fn, ret) : -1;
}

ast_node *thr_arg_object(ast_node *arg)
{
    ast_node *a = ast_strip_casts(arg);
    for (int depth = 0; a && a->kind == AST_CALL && depth < 4; depth++) {
        if (a->name && strcmp(a->name, "fl_move") == 0 && a->nkids == 2) {
            a = ast_strip_casts(a->kids[1]);
            continue;
        }
        int32_t i = a->callee ? returned_param(a->callee->def) : -1;
        if (i < 0 || (uint32_t)i + 1 >= a->nkids)
            break;
        a = ast_strip_casts(a->kids[1 + i]);
    }
    return a;
}

const ast_callee *thr_named_fn(ast_node *e)
{
    ast_node *f = ast_strip_casts(e);
    if (f && f->kind == AST_UNARY && f->op == UN_ADDR_OF && f->nkids)
        f = ast_strip_casts(f->kids[0]);
    return f && f->kind == AST_REF && (f->flags & AST_F_FUNC_REF) ? f->callee : NULL;
}

bool thr_is_cond_wait(const char *name)
{
    static const char *const names[] = {"pthread_cond_wait", "pthread_cond_timedwait", "pthread_cond_clockwait",
                                        "cnd_wait", "cnd_timedwait"};
    for (size_t i = 0; name && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

bool thr_is_cond_signal(const char *name)
{
    return name && (strcmp(name, "pthread_cond_signal") == 0 || strcmp(name, "pthread_cond_broadcast") == 0 ||
                    strcmp(name, "cnd_signal") == 0 || strcmp(name, "cnd_broadcast") == 0);
}

bool thr_sync_name(const char *name, const char *base)
{
    size_t l = strlen(base);
    if (!name || strncmp(name, base, l) != 0)
        return false;
    name += l;
    if (!*name)
        return true;
    if (*name++ != '_')
        return false;
    return strcmp(name, "1") == 0 || strcmp(name, "2") == 0 || strcmp(name, "4") == 0 || strcmp(name, "8") == 0 ||
           strcmp(name, "16") == 0;
}

bool thr_is_atomic_sub(const char *name)
{
    static const char *const subs[] = {"atomic_fetch_sub", "atomic_fetch_sub_explicit", "__atomic_fetch_sub",
                                       "__atomic_sub_fetch", "__c11_atomic_fetch_sub"};
    for (size_t i = 0; name && i < sizeof subs / sizeof *subs; i++)
        if (strcmp(name, subs[i]) == 0)
            return true;
    return thr_sync_name(name, "__sync_fetch_and_sub") || thr_sync_name(name, "__sync_sub_and_fetch");
}

const ast_callee *thr_once_routine(const ast_node *call)
{
    if (!call || call->kind != AST_CALL || !call->name || call->nkids != 3 ||
        (strcmp(call->name, "pthread_once") != 0 && strcmp(call->name, "call_once") != 0))
        return NULL;
    ast_node *f = ast_strip_casts(call->kids[2]);
    if (f && f->kind == AST_UNARY && f->op == UN_ADDR_OF && f->nkids)
        f = ast_strip_casts(f->kids[0]);
    return f && f->kind == AST_REF && (f->flags & AST_F_FUNC_REF) ? f->callee : NULL;
}
