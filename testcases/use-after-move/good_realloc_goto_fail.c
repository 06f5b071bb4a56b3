// realloc failing jumps to the cleanup that frees the old block: that block was not consumed.
#include <stdlib.h>

struct vec {
    int *items;
    size_t len, cap;
};

int vec_push(struct vec *v, int x)
{
    int *items = v->items;
    if (v->len == v->cap) {
        size_t cap = v->cap ? 2 * v->cap : 8;
        int *bigger = realloc(items, cap * sizeof *bigger);
        if (bigger == NULL)
            goto fail;
        items = bigger;
        v->cap = cap;
    }
    items[v->len++] = x;
    v->items = items;
    return 0;
fail:
    free(items);
    v->items = NULL;
    v->len = v->cap = 0;
    return -1;
}
