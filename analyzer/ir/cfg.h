/* cfg.h - control-flow graph of one function over ast nodes.
 *
 * Blocks hold elements in evaluation order. Expressions are linearized in post-order: every
 * evaluated expression node appears once, after its operands, so a transfer function handles
 * one node's own effect (a call, an assignment) without recursing. Short-circuit operators
 * (&&, ||, ?:) split blocks: the operand that decides is a block's `cond`, and the operator
 * node itself appears in the join block. Unevaluated operands (sizeof) are skipped.
 *
 * Lifetimes are explicit: CFG_SCOPE_END elements mark where an automatic object dies, on
 * every way out of its block (falling off the end, break, continue, return, goto).
 *
 * Block 0 is the entry, block 1 the exit; the exit has no elements and no successors.
 */
#ifndef FL_CFG_H
#define FL_CFG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../frontend/ast.h"

typedef enum cfg_elem_kind {
    CFG_EXPR,      /* `node` (an expression) is evaluated: its operands came before */
    CFG_DECL,      /* `node` (AST_VAR) is declared; its initializer came before; `var` set */
    CFG_SCOPE_END, /* `var` dies here; `node` is the statement that ends it (compound, return, break, goto...) */
} cfg_elem_kind;

typedef struct cfg_elem {
    uint8_t kind;  /* cfg_elem_kind */
    ast_node *node;
    ast_var *var;
} cfg_elem;

typedef struct cfg_block {
    uint32_t id;
    cfg_elem *elems;
    uint32_t nelems;
    /* The statement or operator that ends the block (if, while, &&, return, goto, switch...),
       or NULL when the block just falls through. */
    ast_node *term;
    /* For two-way branches: the expression whose value decides; succs[0] is taken when it is
       true (non-zero), succs[1] when it is false. NULL otherwise. */
    ast_node *cond;
    uint32_t *succs;
    uint32_t nsuccs;
    uint32_t *preds;
    uint32_t npreds;
    /* The innermost loop statement (AST_WHILE/AST_DO/AST_FOR) the block belongs to, or NULL. */
    ast_node *loop;
} cfg_block;

typedef struct cfg {
    const ast_func *fn;
    cfg_block *blocks;
    uint32_t nblocks;
    uint32_t entry; /* always 0 */
    uint32_t exit;  /* always 1 */
    uint32_t *rpo;  /* reachable blocks in reverse post-order from the entry */
    uint32_t nrpo;
} cfg;

/* Build the CFG of `fn`, allocated in `arena`. Never fails; unknown constructs become CFG_EXPR
   elements of their evaluated children. */
cfg *cfg_build(fl_arena *arena, const ast_func *fn);

/* Mark with `bit` the blocks reached from `from`, itself included, along succs (or along preds
   with `backward`). The walk goes on from no block equal to `stop` (UINT32_MAX: none), and enters
   none for which `enter` (when not NULL) says false. `stack` holds nblocks entries; blocks that
   already have `bit` are not entered again. */
void cfg_mark_reach(const cfg *g, uint32_t from, bool backward, uint32_t stop, uint8_t *mark, uint8_t bit,
                    uint32_t *stack, bool (*enter)(const void *ctx, uint32_t block), const void *ctx);

/* The code after some of a set of sites (elements): per block, whether a path from a site
   reaches it (`after`), and the first site's element in it (`first`, UINT32_MAX when none). Both
   NULL when there are no sites. */
typedef struct cfg_after {
    uint8_t *after;
    uint32_t *first;
} cfg_after;

/* The code after the sites (blocks[k], elems[k]) of g, n of them, allocated in `arena`. */
cfg_after cfg_after_sites(fl_arena *arena, const cfg *g, const uint32_t *blocks, const uint32_t *elems, uint32_t n);

/* Is element i of block b after a site (not the site itself)? */
static inline bool cfg_is_after(const cfg_after *a, uint32_t b, uint32_t i)
{
    return a->after && (a->after[b] || (a->first[b] != UINT32_MAX && i > a->first[b]));
}

/* Check the CFG's invariants (preds mirror succs, entry/exit shape); fl_bug on violation. */
void cfg_verify(const cfg *g);

/* Print the CFG in the stable text form that --dump-cfg shows and the tests compare. */
void cfg_dump(const cfg *g, FILE *out);

#endif
