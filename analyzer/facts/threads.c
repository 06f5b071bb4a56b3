/* threads.c - the thread API table, and wrappers known from summaries or annotations. */
#include "threads.h"

#include <string.h>

#include "summary.h"

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
