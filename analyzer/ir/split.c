/* split.c - solving a may problem under each value of a deciding variable (see split.h). */
#include "split.h"

#include <string.h>

#include "cond.h"

/* The variable a branch condition tests directly, and whether its true edge means non-zero. */
static const ast_var *tested_var(const cfg_block *b, bool *true_means_nonzero)
{
    if (!b->cond || b->nsuccs != 2 || b->succs[0] == b->succs[1])
        return NULL;
    bool zero = false;
    ast_node *v = cond_strip_zero_tests(b->cond, &zero);
    v = v ? ast_strip_casts(v) : NULL;
    if (!v || v->kind != AST_REF || !v->var)
        return NULL;
    *true_means_nonzero = !zero;
    return v->var;
}

/* Nothing in the function changes v: a parameter never assigned, or a local assigned only by
   its declaration, never address-taken. `writes[i]` counts whole writes of g->fn->vars[i]. */
static bool constant_var(const ast_var *v, const uint32_t *writes)
{
    if (!v || (v->flags & AST_VAR_ADDRESS_TAKEN) || (v->storage != STORAGE_PARAM && v->storage != STORAGE_LOCAL))
        return false;
    return writes[v->index] == 0;
}

/* More than one branch of g tests v (a global: not among the per-variable counts). */
static bool global_tested_twice(const cfg *g, const ast_var *v)
{
    uint32_t n = 0;
    for (uint32_t bi = 0; bi < g->nblocks && n < 2; bi++) {
        bool nz;
        n += tested_var(&g->blocks[bi], &nz) == v;
    }
    return n > 1;
}

/* Functions whose variables are tried for settled_var: each try walks the CFG once. */
#define MAX_SETTLED_TRIES 8

/* v is written only before it is first tested: no write of it is reachable from a test of it
   (`long ext = 0; if (n > 1) ext = find(...); if (ext) spawn...; ... if (ext) join...;`), so
   every test of it sees the same value. One walk of the CFG. */
static bool settled_var(fl_arena *A, const cfg *g, const ast_var *v)
{
    if (!v || (v->flags & AST_VAR_ADDRESS_TAKEN) || (v->storage != STORAGE_PARAM && v->storage != STORAGE_LOCAL))
        return false;
    bool *seen = fl_arena_zalloc(A, g->nblocks + 1);
    uint32_t *stack = fl_arena_alloc(A, (g->nblocks + 1) * sizeof *stack);
    uint32_t n = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        bool nz;
        if (tested_var(&g->blocks[bi], &nz) != v)
            continue;
        for (uint32_t k = 0; k < g->blocks[bi].nsuccs; k++) {
            uint32_t s = g->blocks[bi].succs[k];
            if (!seen[s]) {
                seen[s] = true;
                stack[n++] = s;
            }
        }
    }
    while (n) {
        const cfg_block *b = &g->blocks[stack[--n]];
        for (uint32_t i = 0; i < b->nelems; i++)
            if (cond_written_var(&b->elems[i]) == v)
                return false;
        for (uint32_t k = 0; k < b->nsuccs; k++)
            if (!seen[b->succs[k]]) {
                seen[b->succs[k]] = true;
                stack[n++] = b->succs[k];
            }
    }
    return true;
}

bool cfg_split_find(fl_arena *A, const cfg *g, const bool *interesting, const fl_word *stable, uint32_t nstable,
                    cfg_split *out)
{
    memset(out, 0, sizeof *out);
    const ast_func *fn = g->fn;
    if (!fn || (!fn->nvars && !stable))
        return false;
    uint32_t *writes = fl_arena_zalloc(A, fn->nvars * sizeof *writes);
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        const cfg_block *b = &g->blocks[bi];
        for (uint32_t i = 0; i < b->nelems; i++) {
            const ast_var *w = cond_written_var(&b->elems[i]);
            if (w && (w->storage == STORAGE_PARAM || w->storage == STORAGE_LOCAL) && w->index < fn->nvars &&
                fn->vars[w->index] == w)
                writes[w->index]++;
        }
    }
    /* How often each variable is tested: one that decides two branches is worth more than one
       that decides one. */
    uint32_t *tests = fl_arena_zalloc(A, fn->nvars * sizeof *tests);
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        bool nz;
        const ast_var *v = tested_var(&g->blocks[bi], &nz);
        if (v && v->index < fn->nvars && fn->vars[v->index] == v)
            tests[v->index]++;
    }
    /* per variable: 0 not known yet, 1 settled, 2 not */
    uint8_t *settled = fl_arena_zalloc(A, fn->nvars);
    uint32_t tries = 0;
    const ast_var *first = NULL;
    uint32_t first_test = 0;
    /* The branches that decide a block of interest, in reverse post-order (source order, mostly):
       the first variable tested twice or more, else the first tested once. */
    for (uint32_t r = 0; r < g->nrpo; r++) {
        const cfg_block *b = &g->blocks[g->rpo[r]];
        if (!interesting[b->id])
            continue;
        /* up through single predecessors to the branch that decides this block */
        const cfg_block *x = b;
        for (uint32_t guard = 0; guard < g->nblocks && x->npreds == 1; guard++) {
            const cfg_block *p = &g->blocks[x->preds[0]];
            bool nz;
            const ast_var *v = tested_var(p, &nz);
            /* 0: not a variable to split on; 1: one tested once; 2: tested twice or more */
            int worth = 0;
            if (v && v->storage == STORAGE_GLOBAL && !v->home && stable && v->index < nstable &&
                fl_bs_test(stable, v->index)) {
                /* a global nothing here changes */
                worth = tries < MAX_SETTLED_TRIES && (tries++, global_tested_twice(g, v)) ? 2 : 1;
            } else if (v && v->index < fn->nvars && fn->vars[v->index] == v) {
                if (!settled[v->index]) {
                    bool ok = constant_var(v, writes);
                    if (!ok && tests[v->index] > 1 && tries < MAX_SETTLED_TRIES) {
                        tries++;
                        ok = settled_var(A, g, v);
                    }
                    settled[v->index] = ok ? 1 : 2;
                }
                if (settled[v->index] == 1)
                    worth = tests[v->index] > 1 ? 2 : 1;
            }
            if (worth == 2) {
                out->var = v;
                out->test_block = p->id;
                goto found;
            }
            if (worth == 1 && !first) {
                first = v;
                first_test = p->id;
            }
            if (p->nsuccs != 1)
                break;
            x = p;
        }
    }
    if (!first)
        return false;
    out->var = first;
    out->test_block = first_test;
found:
    for (int k = 0; k < 2; k++)
        out->dead[k] = fl_arena_zalloc(A, g->nblocks * sizeof *out->dead[k]);
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        bool nz;
        if (tested_var(&g->blocks[bi], &nz) != out->var)
            continue;
        /* succs[0] is taken when the condition holds: var non-zero when nz */
        out->dead[0][bi] = nz ? 2 : 1; /* var non-zero: the edge of "zero" is dead */
        out->dead[1][bi] = nz ? 1 : 2;
    }
    return true;
}

df_result *df_run_split(fl_arena *A, const cfg *g, const df_problem *p, const cfg_split *sp, df_result *runs[2])
{
    df_result *r[2];
    for (int k = 0; k < 2; k++) {
        df_problem q = *p;
        q.dead = sp->dead[k];
        r[k] = df_run(A, g, &q);
    }
    df_result *j = FL_NEW(A, df_result);
    uint32_t nw = r[0]->nwords;
    size_t n = (size_t)g->nblocks * nw;
    j->nwords = nw;
    j->in = FL_NEW_ARRAY(A, fl_word, n + 1);
    j->out = FL_NEW_ARRAY(A, fl_word, n + 1);
    j->reached = FL_NEW_ARRAY(A, bool, g->nblocks + 1);
    for (size_t i = 0; i < n; i++) {
        j->in[i] = r[0]->in[i] | r[1]->in[i];
        j->out[i] = r[0]->out[i] | r[1]->out[i];
    }
    for (uint32_t b = 0; b < g->nblocks; b++)
        j->reached[b] = r[0]->reached[b] || r[1]->reached[b];
    if (runs) {
        runs[0] = r[0];
        runs[1] = r[1];
    }
    return j;
}
