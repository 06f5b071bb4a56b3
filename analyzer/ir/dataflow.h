/* dataflow.h - a generic bit-vector dataflow solver over a cfg. */
#ifndef FL_DATAFLOW_H
#define FL_DATAFLOW_H

#include <stdbool.h>

#include "../base/bitset.h"
#include "cfg.h"

typedef struct df_problem {
    uint32_t nbits;
    bool backward;      /* false: forward (entry to exit) */
    bool intersect;     /* meet is intersection ("must"); false: union ("may") */
    void *ctx;
    /* State at the boundary (entry for forward, exit for backward); NULL: all zero. */
    void (*boundary)(void *ctx, fl_word *state);
    /* Apply block b's elements to `state` in place (in evaluation order for forward problems,
       reverse for backward ones). */
    void (*transfer)(void *ctx, const cfg *g, const cfg_block *b, fl_word *state);
    /* Optional: adjust the state flowing along the edge b -> b->succs[succ] (forward only). */
    void (*edge)(void *ctx, const cfg *g, const cfg_block *b, uint32_t succ, fl_word *state);
    /* Optional (forward only): per block, a mask of the successors not to follow (bit k:
       succs[k]), for solving under an assumption that decides some branches (ir/split.h). */
    const uint8_t *dead;
} df_problem;

typedef struct df_result {
    uint32_t nwords;
    fl_word *in;  /* nblocks * nwords: state on entry of each block (forward) */
    fl_word *out; /* nblocks * nwords: state after each block's transfer */
    bool *reached; /* nblocks: block got a state (reachable from the boundary) */
} df_result;

/* Solve to a fixed point; the result lives in `arena`. Unreached blocks keep all-zero states. */
df_result *df_run(fl_arena *arena, const cfg *g, const df_problem *p);

static inline fl_word *df_in(const df_result *r, uint32_t block) { return r->in + (size_t)block * r->nwords; }
static inline fl_word *df_out(const df_result *r, uint32_t block) { return r->out + (size_t)block * r->nwords; }

#endif
