/* joined.c - the joins a function made on every path (see joined.h). */
#include "joined.h"

#include "threads.h"

/* At most this many distinct joins and joining callees per function are followed. */
#define MAX_FACTS 32

struct joined_fn {
    joined_fact facts[MAX_FACTS];
    uint32_t n;
    int8_t *gen;           /* per element of the CFG (flattened by block): the fact it makes, or -1 */
    uint32_t *elem_base;   /* per block: the index of its first element in gen */
    df_result *df;
};

/* The fact element n makes, if any: a join of a global handle, or a call of a function that
   may join threads. */
static bool fact_of(const sum_table *sums, const ast_node *n, joined_fact *f)
{
    if (!n || n->kind != AST_CALL)
        return false;
    thr_call tc = thr_classify(sums, n);
    if (tc.kind == THR_JOIN && !tc.via_wrapper && tc.handle) {
        const ast_node *h = ast_strip_casts(tc.handle);
        if (h && h->kind == AST_REF && h->var &&
            (h->var->storage == STORAGE_GLOBAL || h->var->storage == STORAGE_STATIC_LOCAL)) {
            *f = (joined_fact){h->var, NULL};
            return true;
        }
        return false;
    }
    const fn_summary *s = n->callee ? sum_of(sums, n->callee) : NULL;
    if (s && s->joins_any && n->callee->name) {
        *f = (joined_fact){NULL, n->callee};
        return true;
    }
    return false;
}

static void transfer(void *ctx, const cfg *g, const cfg_block *b, fl_word *st)
{
    (void)g;
    const joined_fn *jf = ctx;
    for (uint32_t i = 0; i < b->nelems; i++)
        if (jf->gen[jf->elem_base[b->id] + i] >= 0)
            fl_bs_set(st, (uint32_t)jf->gen[jf->elem_base[b->id] + i]);
}

joined_fn *joined_analyze(fl_arena *A, const cfg *g, const sum_table *sums)
{
    joined_fn *jf = NULL;
    uint32_t total = 0;
    for (uint32_t bi = 0; bi < g->nblocks; bi++)
        total += g->blocks[bi].nelems;
    for (uint32_t bi = 0, at = 0; bi < g->nblocks; bi++)
        for (uint32_t i = 0; i < g->blocks[bi].nelems; i++, at++) {
            joined_fact f;
            if (g->blocks[bi].elems[i].kind != CFG_EXPR || !fact_of(sums, g->blocks[bi].elems[i].node, &f))
                continue;
            if (!jf) {
                jf = FL_NEW(A, joined_fn);
                jf->gen = FL_NEW_ARRAY(A, int8_t, total + 1);
                for (uint32_t k = 0; k < total; k++)
                    jf->gen[k] = -1;
                jf->elem_base = FL_NEW_ARRAY(A, uint32_t, g->nblocks + 1);
                for (uint32_t b = 0, s = 0; b < g->nblocks; b++) {
                    jf->elem_base[b] = s;
                    s += g->blocks[b].nelems;
                }
            }
            int32_t k = -1;
            for (uint32_t j = 0; j < jf->n && k < 0; j++)
                if (jf->facts[j].handle == f.handle && jf->facts[j].callee == f.callee)
                    k = (int32_t)j;
            if (k < 0 && jf->n < MAX_FACTS) {
                jf->facts[jf->n] = f;
                k = (int32_t)jf->n++;
            }
            jf->gen[at] = (int8_t)k;
        }
    if (!jf)
        return NULL;
    df_problem p = {0};
    p.nbits = jf->n;
    p.intersect = true;
    p.ctx = jf;
    p.transfer = transfer;
    jf->df = df_run(A, g, &p);
    return jf;
}

static uint32_t facts_of_state(const joined_fn *jf, const fl_word *st, joined_fact *out, uint32_t max)
{
    uint32_t n = 0;
    for (uint32_t k = 0; k < jf->n && n < max; k++)
        if (fl_bs_test(st, k))
            out[n++] = jf->facts[k];
    return n;
}

void joined_cursor_start(joined_cursor *c, const joined_fn *jf, uint32_t block)
{
    c->jf = jf;
    c->block = block;
    c->elem = 0;
    c->live = jf && jf->df->reached[block];
    c->st[0] = c->live ? df_in(jf->df, block)[0] : 0;
}

uint32_t joined_cursor_at(joined_cursor *c, uint32_t elem, joined_fact *out, uint32_t max)
{
    if (!c->live)
        return 0;
    const joined_fn *jf = c->jf;
    for (; c->elem < elem; c->elem++)
        if (jf->gen[jf->elem_base[c->block] + c->elem] >= 0)
            fl_bs_set(c->st, (uint32_t)jf->gen[jf->elem_base[c->block] + c->elem]);
    return facts_of_state(jf, c->st, out, max);
}

uint32_t joined_at_exit(const joined_fn *jf, joined_fact *out, uint32_t max)
{
    if (!jf)
        return 0;
    /* the exit block is 1 (cfg.h) */
    return jf->df->reached[1] ? facts_of_state(jf, df_in(jf->df, 1), out, max) : 0;
}
