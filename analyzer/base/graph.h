/* graph.h - walks of graphs given as successor lists (call graphs, mostly). */
#ifndef FL_GRAPH_H
#define FL_GRAPH_H

#include <stdbool.h>
#include <stdint.h>

#include "vec.h"

/* The successors of node v, *n of them. */
typedef const uint32_t *(*fl_succs_fn)(void *ctx, uint32_t v, uint32_t *n);

/* Append to `order` the nodes reachable from `root` that `visited` does not mark yet, each after
   its successors (post-order: callees before callers; a cycle in some order), and mark them.
   Iterative: the depth of the graph costs heap, not stack. */
void fl_post_order(uint32_t root, fl_succs_fn succs, void *ctx, bool *visited, fl_u32_vec *order);

#endif
