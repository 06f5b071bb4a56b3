/* dataflow.c - iterative bit-vector solver.
 *
 * Blocks are visited in reverse post-order (forward problems) or post-order (backward ones),
 * sweeping repeatedly over the blocks whose input changed until none does. States are pushed
 * along edges: a block's output is met into each successor's (predecessor's, backward) input;
 * the first state to arrive is copied, later ones are met. So a "must" (intersection) problem
 * needs no all-ones initialization and is right for irreducible graphs (gotos into loops), and
 * blocks that no state reaches (unreachable code; for backward problems, dead ends such as
 * noreturn calls and infinite loops) keep all-zero states with reached = false.
 *
 * For a backward problem, in[b] is the state at the end of b (the input of its transfer) and
 * out[b] the state at its start (after the transfer): in/out name the transfer's input/output.
 */
#include "dataflow.h"

#include <stdlib.h>

#include "../base/poll.h"
#include "../base/xalloc.h"

#define NONE UINT32_MAX

typedef struct solver {
    const cfg *g;
    const df_problem *p;
    df_result *r;
    uint32_t nw;
    uint32_t *pos;  /* position of each block in the visiting order, NONE if not visited */
    bool *dirty;
    fl_word *tmp;
    bool again;     /* a block at or before the current position became dirty */
} solver;

/* Meet `state` into the input of block `to`; mark it for a visit when it changed. */
static void meet_into(solver *s, uint32_t to, const fl_word *state, uint32_t at)
{
    if (s->pos[to] == NONE)
        return;
    fl_word *in = df_in(s->r, to);
    bool changed;
    if (!s->r->reached[to]) {
        fl_bs_copy(in, state, s->nw);
        s->r->reached[to] = true;
        changed = true;
    } else if (s->p->intersect) {
        changed = fl_bs_intersect(in, state, s->nw);
    } else {
        changed = fl_bs_union(in, state, s->nw);
    }
    if (changed && !s->dirty[to]) {
        s->dirty[to] = true;
        if (at == NONE || s->pos[to] <= at)
            s->again = true;
    }
}

/* Apply b's transfer and push its output to its neighbours; `at` = b's position. */
static void visit(solver *s, uint32_t id, uint32_t at)
{
    const cfg_block *b = &s->g->blocks[id];
    fl_word *out = df_out(s->r, id);
    fl_bs_copy(out, df_in(s->r, id), s->nw);
    if (s->p->transfer)
        s->p->transfer(s->p->ctx, s->g, b, out);
    if (s->p->backward) {
        for (uint32_t k = 0; k < b->npreds; k++)
            meet_into(s, b->preds[k], out, at);
        return;
    }
    for (uint32_t k = 0; k < b->nsuccs; k++) {
        if (s->p->dead && k < 8 && (s->p->dead[id] >> k & 1))
            continue;
        const fl_word *state = out;
        if (s->p->edge) {
            fl_bs_copy(s->tmp, out, s->nw);
            s->p->edge(s->p->ctx, s->g, b, k, s->tmp);
            state = s->tmp;
        }
        meet_into(s, b->succs[k], state, at);
    }
}

df_result *df_run(fl_arena *arena, const cfg *g, const df_problem *p)
{
    uint32_t n = g->nblocks, nw = fl_bs_words(p->nbits);
    df_result *r = FL_NEW(arena, df_result);
    r->nwords = nw;
    r->in = FL_NEW_ARRAY(arena, fl_word, (size_t)n * nw + 1);
    r->out = FL_NEW_ARRAY(arena, fl_word, (size_t)n * nw + 1);
    r->reached = FL_NEW_ARRAY(arena, bool, n + 1);

    solver s = {g, p, r, nw, NULL, NULL, NULL, false};
    s.pos = fl_xmalloc((n ? n : 1) * sizeof *s.pos);
    s.dirty = fl_xcalloc(n ? n : 1, sizeof *s.dirty);
    s.tmp = fl_xcalloc(nw ? nw : 1, sizeof *s.tmp);
    uint32_t *order = fl_xmalloc((g->nrpo ? g->nrpo : 1) * sizeof *order);
    for (uint32_t i = 0; i < n; i++)
        s.pos[i] = NONE;
    for (uint32_t i = 0; i < g->nrpo; i++) {
        order[i] = p->backward ? g->rpo[g->nrpo - 1 - i] : g->rpo[i];
        s.pos[order[i]] = i;
    }

    uint32_t bnd = p->backward ? g->exit : g->entry;
    fl_word *in = df_in(r, bnd);
    if (p->boundary)
        p->boundary(p->ctx, in);
    r->reached[bnd] = true;
    /* The boundary has no incoming edges in its direction: one visit is enough, and it must
       happen even when it is not in the order (an exit no path reaches). */
    visit(&s, bnd, NONE);
    if (s.pos[bnd] != NONE)
        s.dirty[bnd] = false;

    while (s.again) {
        s.again = false;
        for (uint32_t i = 0; i < g->nrpo; i++) {
            uint32_t id = order[i];
            if (!s.dirty[id])
                continue;
            s.dirty[id] = false;
            fl_poll(g->fn ? g->fn->name : NULL); /* the budget may stop here (base/poll.h) */
            visit(&s, id, i);
        }
    }

    free(order);
    free(s.pos);
    free(s.dirty);
    free(s.tmp);
    return r;
}
