/* unitsum.c - the summary of a unit as plain data (see unitsum.h). */
#include "unitsum.h"

#include <stdlib.h>
#include <string.h>

#include "../base/hash.h"
#include "../base/vec.h"
#include "../base/xalloc.h"

us_unit *us_new(const char *file)
{
    us_unit *u = fl_xcalloc(1, sizeof *u);
    u->arena = fl_arena_new();
    u->file = fl_arena_strdup(u->arena, file ? file : "");
    return u;
}

us_fn *us_add_fn(us_unit *u, const char *name)
{
    if (u->nfns == u->cap) {
        u->cap = u->cap ? 2 * u->cap : 16;
        u->fns = fl_xrealloc(u->fns, u->cap * sizeof *u->fns);
    }
    us_fn *f = &u->fns[u->nfns++];
    memset(f, 0, sizeof *f);
    f->name = fl_arena_strdup(u->arena, name);
    f->span = fl_span_none();
    f->spawn_span = fl_span_none();
    return f;
}

void us_free(us_unit *u)
{
    if (!u)
        return;
    fl_arena_free(u->arena);
    free(u->fns);
    free(u);
}

static int cmp_fn(const void *a, const void *b)
{
    return strcmp(((const us_fn *)a)->name, ((const us_fn *)b)->name);
}

/* FNV-1a over the effects: what an importer sees of the function. */
static uint64_t fn_hash(const us_fn *f)
{
    uint64_t h = FL_FNV_BASIS;
    h = fl_fnv1a(h, &f->nparams, sizeof f->nparams);
    for (uint32_t i = 0; i < f->nparams; i++) {
        h = fl_fnv1a(h, &f->param[i], sizeof f->param[i]);
        h = fl_fnv1a_str(h, f->handle_path ? f->handle_path[i] : NULL);
    }
    h = fl_fnv1a(h, &f->handle, sizeof f->handle);
    h = fl_fnv1a(h, &f->joins_any, sizeof f->joins_any);
    h = fl_fnv1a(h, &f->starts, sizeof f->starts);
    h = fl_fnv1a_str(h, f->spawn_api);
    h = fl_fnv1a(h, &f->nonplain, sizeof f->nonplain);
    for (uint32_t i = 0; i < f->nlocks; i++) {
        const us_lock *l = &f->locks[i];
        h = fl_fnv1a(h, &l->op, sizeof l->op);
        h = fl_fnv1a(h, &l->success_nonzero, sizeof l->success_nonzero);
        h = fl_fnv1a(h, &l->soft, sizeof l->soft);
        h = fl_fnv1a(h, &l->tried, sizeof l->tried);
        h = fl_fnv1a(h, &l->waits, sizeof l->waits);
        h = fl_fnv1a(h, &l->param, sizeof l->param);
        h = fl_fnv1a_str(h, l->global);
        h = fl_fnv1a_str(h, l->global_file);
        h = fl_fnv1a_str(h, l->path);
    }
    return h;
}

void us_finish(us_unit *u)
{
    if (u->nfns)
        qsort(u->fns, u->nfns, sizeof *u->fns, cmp_fn);
    /* one entry per name: a unit defines a function once */
    uint32_t n = 0;
    for (uint32_t i = 0; i < u->nfns; i++)
        if (!n || strcmp(u->fns[n - 1].name, u->fns[i].name) != 0)
            u->fns[n++] = u->fns[i];
    u->nfns = n;
    for (uint32_t i = 0; i < u->nfns; i++)
        u->fns[i].hash = fn_hash(&u->fns[i]);
}

const us_fn *us_find(const us_unit *u, const char *name)
{
    if (!u || !name)
        return NULL;
    uint32_t lo = 0, hi = u->nfns;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        int c = strcmp(u->fns[mid].name, name);
        if (c == 0)
            return &u->fns[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
