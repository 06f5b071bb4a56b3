/* threads.c - the thread API table. */
#include "threads.h"

#include <string.h>

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

thr_call thr_classify(const ast_node *call)
{
    thr_call r = {0};
    if (!call || call->kind != AST_CALL || !call->name)
        return r;
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
        if (r.arg) {
            ast_node *x = ast_strip_casts(r.arg);
            r.moved = x && x->kind == AST_CALL && x->name && strcmp(x->name, "fl_move") == 0;
        }
        return r;
    }
    return r;
}

place thr_handle_place(fl_arena *arena, const thr_call *tc)
{
    place none = {NULL, NULL};
    if (!tc->handle)
        return none;
    if (tc->kind == THR_SPAWN)
        return tc->handle_kind == THR_HANDLE_PTR ? place_of_pointee(arena, tc->handle) : none;
    return place_of(arena, tc->handle);
}
