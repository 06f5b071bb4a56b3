/* access.c - the threads of a unit and what each runs (see access.h).
 *
 * Moved out of checks/not_sync.c so that not-sync and data-race agree on what a thread is. */
#include "access.h"

#include "../base/vec.h"

typedef FL_VEC(uint32_t) u32_vec;
typedef FL_VEC(acc_spawn) spawn_vec;
typedef FL_VEC(acc_thread) thread_vec;

int32_t acc_spawn_entry(const ast_tu *tu, cfg *const *cfgs, const thr_call *tc)
{
    ast_node *fnode = ast_strip_casts(tc->func);
    if (fnode && fnode->kind == AST_UNARY && fnode->op == UN_ADDR_OF)
        fnode = ast_strip_casts(fnode->kids[0]);
    if (!fnode || fnode->kind != AST_REF || !fnode->callee || !fnode->callee->def)
        return -1;
    uint32_t f = fnode->callee->def->index;
    if (f >= tu->nfuncs || !cfgs[f])
        return -1;
    return (int32_t)f;
}

int32_t acc_entry_of(const acc_threads *t, uint32_t f)
{
    for (uint32_t k = 0; k < t->nentries; k++)
        if (t->threads[k].func == f)
            return (int32_t)k;
    return -1;
}

static void reach_from(uint32_t f, const acc_threads *t, fl_word *reach)
{
    if (fl_bs_test(reach, f))
        return;
    fl_bs_set(reach, f);
    for (uint32_t i = 0; i < t->ncalls[f]; i++)
        reach_from(t->calls[f][i], t, reach);
}

acc_threads *acc_threads_build(fl_arena *arena, const ast_tu *tu, cfg *const *cfgs)
{
    uint32_t nf = tu->nfuncs;
    if (!nf)
        return NULL;

    /* Spawns first: a unit without one has no threads. */
    spawn_vec spawns = {0};
    for (uint32_t f = 0; f < nf; f++) {
        const cfg *g = cfgs[f];
        if (!g)
            continue;
        for (uint32_t bi = 0; bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                const cfg_elem *el = &g->blocks[bi].elems[i];
                if (el->kind != CFG_EXPR || !el->node || el->node->kind != AST_CALL)
                    continue;
                thr_call tc = thr_classify(el->node);
                if (tc.kind != THR_SPAWN)
                    continue;
                acc_spawn s = {el->node, tc, f, bi, i, acc_spawn_entry(tu, cfgs, &tc)};
                fl_vec_push(&spawns, s);
            }
    }
    if (!spawns.len) {
        fl_vec_free(&spawns);
        return NULL;
    }

    acc_threads *t = FL_NEW(arena, acc_threads);
    t->nfuncs = nf;
    t->spawns = fl_arena_memdup(arena, spawns.items, spawns.len * sizeof *spawns.items);
    t->nspawns = (uint32_t)spawns.len;
    fl_vec_free(&spawns);

    /* Direct calls and who is called. */
    t->calls = FL_NEW_ARRAY(arena, uint32_t *, nf);
    t->ncalls = FL_NEW_ARRAY(arena, uint32_t, nf);
    t->called = FL_NEW_ARRAY(arena, bool, nf);
    u32_vec calls = {0};
    for (uint32_t f = 0; f < nf; f++) {
        const cfg *g = cfgs[f];
        if (!g)
            continue;
        calls.len = 0;
        for (uint32_t bi = 0; bi < g->nblocks; bi++)
            for (uint32_t i = 0; i < g->blocks[bi].nelems; i++) {
                ast_node *n = g->blocks[bi].elems[i].node;
                if (g->blocks[bi].elems[i].kind != CFG_EXPR || !n || n->kind != AST_CALL)
                    continue;
                if (n->callee && n->callee->def && n->callee->def->index < nf && cfgs[n->callee->def->index]) {
                    uint32_t c = n->callee->def->index;
                    if (c != f)
                        t->called[c] = true;
                    fl_vec_push(&calls, c);
                }
            }
        if (calls.len)
            t->calls[f] = fl_arena_memdup(arena, calls.items, calls.len * sizeof *calls.items);
        t->ncalls[f] = (uint32_t)calls.len;
    }
    fl_vec_free(&calls);

    /* Thread roots: spawned entries, then the spawning side. */
    thread_vec roots = {0};
    uint32_t nw = fl_bs_words(nf);
    for (uint32_t s = 0; s < t->nspawns; s++) {
        int32_t e = t->spawns[s].entry;
        if (e < 0)
            continue;
        uint32_t f = (uint32_t)e;
        bool in_loop = cfgs[t->spawns[s].func]->blocks[t->spawns[s].block].loop != NULL;
        acc_thread *r = NULL;
        for (size_t k = 0; k < roots.len && !r; k++)
            if (roots.items[k].func == f)
                r = &roots.items[k];
        if (r) {
            r->multiple = true;
            r->spawn = t->spawns[s].call;
            continue;
        }
        acc_thread nr = {f, true, in_loop, t->spawns[s].call, NULL};
        fl_vec_push(&roots, nr);
    }
    size_t nentries = roots.len;
    for (size_t k = 0; k < nentries; k++) {
        roots.items[k].reach = fl_arena_zalloc(arena, nw * sizeof(fl_word));
        reach_from(roots.items[k].func, t, roots.items[k].reach);
    }
    /* The spawning side: uncalled functions (not entries) that reach a spawn. */
    for (uint32_t f = 0; f < nf; f++) {
        if (!cfgs[f] || t->called[f])
            continue;
        bool is_entry = false;
        for (size_t k = 0; k < nentries && !is_entry; k++)
            is_entry = roots.items[k].func == f;
        if (is_entry)
            continue;
        fl_word *reach = fl_arena_zalloc(arena, nw * sizeof(fl_word));
        reach_from(f, t, reach);
        bool spawns_here = false;
        for (uint32_t s = 0; s < t->nspawns && !spawns_here; s++)
            spawns_here = fl_bs_test(reach, t->spawns[s].func);
        if (spawns_here) {
            acc_thread nr = {f, false, false, NULL, reach};
            fl_vec_push(&roots, nr);
        }
    }
    t->threads = roots.len ? fl_arena_memdup(arena, roots.items, roots.len * sizeof *roots.items) : NULL;
    t->nthreads = (uint32_t)roots.len;
    t->nentries = (uint32_t)nentries;
    fl_vec_free(&roots);
    return t;
}
