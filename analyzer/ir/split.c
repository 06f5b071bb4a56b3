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

/* Variables tried per function: each try walks the CFG once. */
#define MAX_TRIES 8

/* Per block: it ends in a test of v that no write of v can follow (no write of v is reachable
   from it: `long ext = 0; if (n > 1) ext = find(); if (ext) spawn(); ... if (ext) join();`), so
   that every such test sees the one value v has by then; *n: how many. Tests that a write may
   follow (`if (!sent) { ...; sent = 1; }` in a loop) are ordinary branches. One walk backward
   from the writes. */
static bool *late_tests(fl_arena *A, const cfg *g, const ast_var *v, uint32_t *n)
{
    bool *reaches = fl_arena_zalloc(A, g->nblocks + 1); /* a write of v is reachable from the block's start */
    uint32_t *stack = fl_arena_alloc(A, (g->nblocks + 1) * sizeof *stack);
    uint32_t sp = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems && !reaches[bi]; i++)
            if (cond_written_var(&g->blocks[bi].elems[i]) == v) {
                reaches[bi] = true;
                stack[sp++] = bi;
            }
    while (sp) {
        const cfg_block *b = &g->blocks[stack[--sp]];
        for (uint32_t k = 0; k < b->npreds; k++)
            if (!reaches[b->preds[k]]) {
                reaches[b->preds[k]] = true;
                stack[sp++] = b->preds[k];
            }
    }
    bool *late = fl_arena_zalloc(A, g->nblocks + 1);
    *n = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        bool nz;
        if (tested_var(&g->blocks[bi], &nz) != v)
            continue;
        bool ok = true;
        for (uint32_t k = 0; k < g->blocks[bi].nsuccs && ok; k++)
            ok = !reaches[g->blocks[bi].succs[k]];
        late[bi] = ok;
        *n += ok;
    }
    return late;
}

typedef struct tried {
    const ast_var *v;
    bool *late; /* per block: ends in a test of v no write of v can follow (late_tests) */
    uint32_t nlate;
} tried;

/* May v be split on at all: a parameter or local whose address is never taken, or a global
   nothing in the function or its calls writes (`stable`). */
static bool splittable(const ast_func *fn, const ast_var *v, const fl_word *stable, uint32_t nstable)
{
    if (!v || (v->flags & AST_VAR_ADDRESS_TAKEN))
        return false;
    if (v->storage == STORAGE_GLOBAL)
        return !v->home && stable && v->index < nstable && fl_bs_test(stable, v->index);
    return (v->storage == STORAGE_PARAM || v->storage == STORAGE_LOCAL) && v->index < fn->nvars &&
           fn->vars[v->index] == v;
}

bool cfg_split_find(fl_arena *A, const cfg *g, const bool *interesting, const fl_word *stable, uint32_t nstable,
                    bool two, cfg_split *out)
{
    memset(out, 0, sizeof *out);
    const ast_func *fn = g->fn;
    if (!fn || (!fn->nvars && !stable))
        return false;
    tried t[MAX_TRIES];
    uint32_t nt = 0;
    const tried *first = NULL, *a = NULL, *b2 = NULL;
    uint32_t first_test = 0;
    /* The branches that decide a block of interest, in reverse post-order (source order, mostly):
       the first variable with two late tests or more, else the first with one. */
    for (uint32_t r = 0; r < g->nrpo && !b2; r++) {
        const cfg_block *b = &g->blocks[g->rpo[r]];
        if (!interesting[b->id])
            continue;
        /* up through single predecessors to the branch that decides this block */
        const cfg_block *x = b;
        for (uint32_t guard = 0; guard < g->nblocks && x->npreds == 1; guard++) {
            const cfg_block *p = &g->blocks[x->preds[0]];
            bool nz;
            const ast_var *v = tested_var(p, &nz);
            if (v && splittable(fn, v, stable, nstable)) {
                const tried *tv = NULL;
                for (uint32_t i = 0; i < nt && !tv; i++)
                    if (t[i].v == v)
                        tv = &t[i];
                if (!tv && nt < MAX_TRIES) {
                    t[nt] = (tried){v, NULL, 0};
                    t[nt].late = late_tests(A, g, v, &t[nt].nlate);
                    tv = &t[nt++];
                }
                if (tv && tv->late[p->id]) {
                    if (tv->nlate > 1 && !a) {
                        a = tv;
                        out->test_block = p->id;
                        if (!two)
                            break;
                    } else if (tv->nlate > 1 && tv != a) {
                        b2 = tv;
                        break;
                    } else if (!first) {
                        first = tv;
                        first_test = p->id;
                    }
                }
            }
            if (p->nsuccs != 1)
                break;
            x = p;
        }
        if (a && !two)
            break;
    }
    if (!a) {
        if (!first)
            return false;
        a = first;
        out->test_block = first_test;
    }
    out->var = a->v;
    out->var2 = b2 ? b2->v : NULL;
    for (int k = 0; k < 2; k++)
        out->dead[k] = fl_arena_zalloc(A, g->nblocks * sizeof *out->dead[k]);
    for (int k = 0; b2 && k < 4; k++)
        out->dead4[k] = fl_arena_zalloc(A, g->nblocks * sizeof *out->dead4[k]);
    for (uint32_t bi = 0; bi < g->nblocks; bi++) {
        bool nz;
        const ast_var *v = tested_var(&g->blocks[bi], &nz);
        bool of_a = v == a->v && a->late[bi], of_b = b2 && v == b2->v && b2->late[bi];
        if (!of_a && !of_b)
            continue;
        /* succs[0] is taken when the condition holds: var non-zero when nz; the edge of
           "zero" is dead when the variable is non-zero */
        uint8_t if_nonzero = nz ? 2 : 1, if_zero = nz ? 1 : 2;
        if (of_a) {
            out->dead[0][bi] = if_nonzero;
            out->dead[1][bi] = if_zero;
        }
        for (int k = 0; b2 && k < 4; k++)
            out->dead4[k][bi] = (k & (of_a ? 1 : 2)) ? if_zero : if_nonzero;
    }
    return true;
}

df_result *df_run_split(fl_arena *A, const cfg *g, const df_problem *p, const cfg_split *sp, df_result *runs[2])
{
    df_result *r[4];
    int nr = sp->var2 && !runs ? 4 : 2;
    for (int k = 0; k < nr; k++) {
        df_problem q = *p;
        q.dead = nr == 4 ? sp->dead4[k] : sp->dead[k];
        r[k] = df_run(A, g, &q);
    }
    df_result *j = FL_NEW(A, df_result);
    uint32_t nw = r[0]->nwords;
    size_t n = (size_t)g->nblocks * nw;
    j->nwords = nw;
    j->in = FL_NEW_ARRAY(A, fl_word, n + 1);
    j->out = FL_NEW_ARRAY(A, fl_word, n + 1);
    j->reached = FL_NEW_ARRAY(A, bool, g->nblocks + 1);
    for (int k = 0; k < nr; k++) {
        for (size_t i = 0; i < n; i++) {
            j->in[i] |= r[k]->in[i];
            j->out[i] |= r[k]->out[i];
        }
        for (uint32_t b = 0; b < g->nblocks; b++)
            j->reached[b] |= r[k]->reached[b];
    }
    if (runs) {
        runs[0] = r[0];
        runs[1] = r[1];
    }
    return j;
}
