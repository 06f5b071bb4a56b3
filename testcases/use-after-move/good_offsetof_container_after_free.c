// A FOR_EACH_SAFE-style loop frees the node and then recomputes the container of
// the next one with offsetof(typeof(*node), member): offsetof evaluates nothing.
#include <stddef.h>
#include <stdlib.h>

struct list {
    struct list *next;
};

struct item {
    int value;
    struct list node;
};

#define CONTAINER_OF(ptr, obj, member) \
    ((__typeof__(obj))(void *)((char *)(ptr) - offsetof(__typeof__(*(obj)), member)))

void free_items(struct list *head)
{
    struct item *it;
    struct list *next_node;
    for (it = CONTAINER_OF(head->next, it, node); &it->node != head;
         it = CONTAINER_OF(next_node, it, node)) {
        next_node = it->node.next;
        free(it);
    }
}
