/* graph.c - walks of graphs given as successor lists (see graph.h). */
#include "graph.h"

void fl_post_order(uint32_t root, fl_succs_fn succs, void *ctx, bool *visited, fl_u32_vec *order)
{
    if (visited[root])
        return;
    /* (node, its next successor) pairs */
    typedef struct frame { uint32_t v, next; } frame;
    FL_VEC(frame) stack = {0};
    frame f0 = {root, 0};
    visited[root] = true;
    fl_vec_push(&stack, f0);
    while (stack.len) {
        frame *top = &stack.items[stack.len - 1];
        uint32_t n;
        const uint32_t *s = succs(ctx, top->v, &n);
        if (top->next < n) {
            uint32_t c = s[top->next++];
            if (!visited[c]) {
                visited[c] = true;
                frame fr = {c, 0};
                fl_vec_push(&stack, fr);
            }
            continue;
        }
        fl_vec_push(order, top->v);
        stack.len--;
    }
    fl_vec_free(&stack);
}
