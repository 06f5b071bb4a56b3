/* program.c - the units of a program put together (see program.h). */
#include "program_impl.h"

#include <stdlib.h>
#include <string.h>

#include "../base/path.h"
#include "../base/xalloc.h"


/* ==== programs of a database ================================================================ */

static bool unit_has_main(const ast_tu *tu)
{
    for (uint32_t i = 0; i < tu->nfuncs; i++)
        if (tu->funcs[i]->in_main_file && strcmp(tu->funcs[i]->name, "main") == 0)
            return true;
    return false;
}

static const char *unit_path(const pg_unit *u)
{
    return u->output ? u->output : u->file;
}


static void sym_define(symtab *t, const char *name, uint32_t unit)
{
    uint32_t k;
    if (!fl_strmap_get(&t->ids, name, &k)) {
        k = (uint32_t)t->defs.len;
        fl_u32_vec v = {0};
        fl_vec_push(&t->defs, v);
        fl_strmap_put(&t->ids, name, k);
    }
    fl_u32_vec *d = &t->defs.items[k];
    if (!d->len || d->items[d->len - 1] != unit)
        fl_vec_push(d, unit);
}

static void sym_build(symtab *t, const pg_unit *units, uint32_t n)
{
    for (uint32_t u = 0; u < n; u++) {
        const ast_tu *tu = units[u].tu;
        for (uint32_t i = 0; i < tu->nfuncs; i++)
            if (tu->funcs[i]->in_main_file && !tu->funcs[i]->is_static)
                sym_define(t, tu->funcs[i]->name, u);
        for (uint32_t i = 0; i < tu->nglobals; i++) {
            const ast_var *g = tu->globals[i];
            if (g && g->storage == STORAGE_GLOBAL && (g->flags & AST_VAR_DEFINED) && !(g->flags & AST_VAR_INTERNAL))
                sym_define(t, g->name, u);
        }
    }
}

static void sym_free(symtab *t)
{
    for (size_t i = 0; i < t->defs.len; i++)
        fl_vec_free(&t->defs.items[i]);
    fl_vec_free(&t->defs);
    fl_strmap_free(&t->ids);
}

/* The unit among the definitions of `name` closest to `near` (by object path), or -1. */
static int32_t sym_pick(const symtab *t, const pg_unit *units, const char *name, uint32_t near)
{
    uint32_t k;
    if (!fl_strmap_get(&t->ids, name, &k))
        return -1;
    const fl_u32_vec *d = &t->defs.items[k];
    int32_t best = -1;
    size_t best_len = 0;
    for (size_t i = 0; i < d->len; i++) {
        size_t len = fl_path_common_prefix(unit_path(&units[near]), unit_path(&units[d->items[i]]));
        if (best < 0 || len > best_len) {
            best = (int32_t)d->items[i];
            best_len = len;
        }
    }
    return best;
}

/* Visit the names unit u uses without defining. */
static void used_names(const ast_tu *tu, void (*visit)(void *ctx, const char *name), void *ctx)
{
    for (uint32_t i = 0; i < tu->ncallees; i++) {
        const ast_callee *c = tu->callees[i];
        if (!c->def && !c->is_static && c->name)
            visit(ctx, c->name);
    }
    for (uint32_t i = 0; i < tu->nglobals; i++) {
        const ast_var *g = tu->globals[i];
        if (g && g->storage == STORAGE_GLOBAL && !(g->flags & (AST_VAR_DEFINED | AST_VAR_INTERNAL)) && g->name)
            visit(ctx, g->name);
    }
}

typedef struct closure {
    const symtab *t;
    const pg_unit *units;
    uint32_t root;
    bool *in;
    fl_u32_vec *queue;
} closure;

static void take_name(void *ctx, const char *name)
{
    closure *c = ctx;
    uint32_t k;
    if (!fl_strmap_get(&c->t->ids, name, &k))
        return;
    const fl_u32_vec *d = &c->t->defs.items[k];
    for (size_t i = 0; i < d->len; i++)
        if (c->in[d->items[i]])
            return; /* the program has a definition already */
    int32_t u = sym_pick(c->t, c->units, name, c->root);
    if (u >= 0 && !c->in[u]) {
        c->in[u] = true;
        fl_vec_push(c->queue, (uint32_t)u);
    }
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static void add_program(pg_partition *out, fl_u32_vec *members)
{
    qsort(members->items, members->len, sizeof *members->items, cmp_u32);
    out->members = fl_xrealloc(out->members, (out->n + 1) * sizeof *out->members);
    out->nmembers = fl_xrealloc(out->nmembers, (out->n + 1) * sizeof *out->nmembers);
    out->members[out->n] = members->items;
    out->nmembers[out->n] = (uint32_t)members->len;
    out->n++;
    *members = (fl_u32_vec){0};
}

void pg_partition_build(const pg_unit *units, uint32_t n, pg_partition *out)
{
    *out = (pg_partition){0};
    symtab t = {0};
    sym_build(&t, units, n);
    bool *covered = fl_xcalloc(n + 1, sizeof *covered);
    bool *in = fl_xcalloc(n + 1, sizeof *in);
    for (uint32_t r = 0; r < n; r++) {
        if (!unit_has_main(units[r].tu))
            continue;
        memset(in, 0, n * sizeof *in);
        fl_u32_vec queue = {0}, members = {0};
        closure c = {&t, units, r, in, &queue};
        in[r] = true;
        fl_vec_push(&queue, r);
        for (size_t q = 0; q < queue.len; q++) {
            uint32_t u = queue.items[q];
            fl_vec_push(&members, u);
            covered[u] = true;
            used_names(units[u].tu, take_name, &c);
        }
        fl_vec_free(&queue);
        add_program(out, &members);
    }
    fl_u32_vec rest = {0};
    for (uint32_t u = 0; u < n; u++)
        if (!covered[u])
            fl_vec_push(&rest, u);
    if (rest.len)
        add_program(out, &rest);
    free(covered);
    free(in);
    sym_free(&t);
}

void pg_partition_free(pg_partition *p)
{
    for (uint32_t i = 0; i < p->n; i++)
        free(p->members[i]);
    free(p->members);
    free(p->nmembers);
    *p = (pg_partition){0};
}

/* ==== one program =========================================================================== */



bool pgb_has_body(const program *p, uint32_t id)
{
    const pg_fn *f = &p->fns[id];
    return p->units[f->unit].acc->fns[f->index].fn != NULL;
}

/* The function a callee of unit u names in the program, or -1. */
int32_t pgb_resolve(build *b, uint32_t u, const ast_callee *c)
{
    program *p = b->p;
    if (!c)
        return -1;
    if (c->def && c->def->in_main_file) {
        uint32_t id = pg_id(p, u, c->def->index);
        return pgb_has_body(p, id) ? (int32_t)id : -1;
    }
    if (c->is_static || !c->name)
        return -1;
    int32_t du = sym_pick(&b->syms, p->units, c->name, u);
    if (du < 0)
        return -1;
    const ast_tu *tu = p->units[du].tu;
    for (uint32_t i = 0; i < tu->nfuncs; i++)
        if (tu->funcs[i]->in_main_file && !tu->funcs[i]->is_static && strcmp(tu->funcs[i]->name, c->name) == 0) {
            uint32_t id = pg_id(p, (uint32_t)du, i);
            return pgb_has_body(p, id) ? (int32_t)id : -1;
        }
    return -1;
}

int32_t pg_entry_of(const program *p, uint32_t id)
{
    return id < p->nfns ? p->entry_of[id] : -1;
}

/* ---- putting it together ---- */

program *pg_build(const pg_unit *units, uint32_t nunits)
{
    uint32_t nev = 0, nfns = 0;
    for (uint32_t u = 0; u < nunits; u++) {
        nev += units[u].acc->nevents;
        nfns += units[u].tu->nfuncs;
    }
    if (!nev || !nfns)
        return NULL;
    fl_arena *A = fl_arena_new();
    program *p = FL_NEW(A, program);
    p->A = A;
    p->units = units;
    p->nunits = nunits;
    p->nfns = nfns;
    p->fns = FL_NEW_ARRAY(A, pg_fn, nfns);
    p->fn_base = FL_NEW_ARRAY(A, uint32_t, nunits + 1);
    for (uint32_t u = 0, id = 0; u < nunits; u++) {
        p->fn_base[u] = id;
        for (uint32_t i = 0; i < units[u].tu->nfuncs; i++)
            p->fns[id++] = (pg_fn){u, i};
    }
    p->callees = FL_NEW_ARRAY(A, uint32_t *, nfns);
    p->callee_weak = FL_NEW_ARRAY(A, uint8_t *, nfns);
    p->callee_site = FL_NEW_ARRAY(A, const ast_node **, nfns);
    p->ncallees = FL_NEW_ARRAY(A, uint32_t, nfns);
    p->called = FL_NEW_ARRAY(A, bool, nfns);
    p->opaque_lock = FL_NEW_ARRAY(A, bool, nfns);

    build b = {0};
    b.p = p;
    b.A = A;
    b.nw_fn = fl_bs_words(nfns);
    sym_build(&b.syms, units, nunits);
    pgb_build_slots(&b);
    pgb_build_calls(&b);
    int32_t **entry_of_event = FL_NEW_ARRAY(A, int32_t *, nunits);
    pgb_build_threads(&b, entry_of_event);
    b.nw_ent = fl_bs_words(p->nentries ? p->nentries : 1);
    if (!p->nentries) {
        pgb_free_slots(&b.sl);
        for (int i = 0; i < 17; i++)
            fl_vec_free(&b.by_arity[i]);
        fl_vec_free(&b.variadic);
        fl_vec_free(&b.targets);
        sym_free(&b.syms);
        pg_free(p);
        return NULL;
    }
    b.fn_events = fl_xcalloc(nfns, sizeof *b.fn_events);
    for (uint32_t u = 0; u < nunits; u++)
        for (uint32_t e = 0; e < units[u].acc->nevents; e++) {
            ev_ref r = {u, e};
            fl_vec_push(&b.fn_events[pg_id(p, u, units[u].acc->events[e].fn)], r);
        }
    pgb_build_event_entries(&b, entry_of_event);
    pgb_build_starts(&b);
    pgb_build_joined(&b, entry_of_event);
    pgb_build_par(&b);
    pgb_build_called_with(&b);
    pgb_build_once(&b, entry_of_event);
    pgb_build_order(&b, entry_of_event, false);
    pgb_build_order(&b, entry_of_event, true);
    for (uint32_t id = 0; id < nfns; id++) {
        const pg_fn *f = &p->fns[id];
        p->opaque_lock[id] = units[f->unit].acc->fns[f->index].opaque_lock;
    }
    p->sem_ops = FL_NEW_ARRAY(A, uint8_t, nfns + 1);
    p->sem_waiters = FL_NEW_ARRAY(A, uint32_t, p->nthreads + 1);
    p->sem_posters = FL_NEW_ARRAY(A, uint32_t, p->nthreads + 1);
    for (uint32_t id = 0; id < nfns; id++) {
        const acc_fn *af = &units[p->fns[id].unit].acc->fns[p->fns[id].index];
        p->sem_ops[id] = (uint8_t)((af->sem_waits ? 1 : 0) | (af->sem_posts ? 2 : 0));
    }
    for (uint32_t k = 0; k < p->nthreads; k++)
        for (uint32_t id = 0; id < nfns; id++) {
            if (!fl_bs_test(p->threads[k].reach, id))
                continue;
            p->sem_waiters[k] += p->sem_ops[id] & 1;
            p->sem_posters[k] += (p->sem_ops[id] & 2) >> 1;
        }
    pgb_build_barriers(&b);
    pgb_build_aliases(&b);
    pgb_build_call_table(&b, &p->calls);
    bool *root = pgb_thread_roots(&b);
    pgb_build_regions(&b, &p->calls, root);
    pgb_build_entry_locks(&b, &p->calls, root);
    pgb_build_accesses(&b, entry_of_event);
    pgb_build_key_via(&b);
    pgb_build_key_objs(&b, entry_of_event);
    for (uint32_t id = 0; id < nfns; id++)
        fl_vec_free(&b.fn_events[id]);
    free(b.fn_events);
    for (int i = 0; i < 17; i++)
        fl_vec_free(&b.by_arity[i]);
    fl_vec_free(&b.variadic);
    fl_vec_free(&b.targets);
    fl_vec_free(&b.param_spawns);
    pgb_free_slots(&b.sl);
    sym_free(&b.syms);
    fl_strmap_free(&b.aliases);
    fl_strmap_free(&b.join_hid);
    return p;
}

void pg_free(program *p)
{
    if (!p)
        return;
    fl_strmap_free(&p->key_ids);
    fl_arena_free(p->A);
}
