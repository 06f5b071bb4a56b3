// Freeing a linked list: the next pointer is read before the node is freed.
#include <stdlib.h>

struct node {
    struct node *next;
    char *name;
};

void list_free(struct node *head)
{
    struct node *p = head;
    while (p) {
        struct node *next = p->next;
        free(p->name);
        free(p);
        p = next;
    }
}

void list_free_for(struct node *head)
{
    struct node *next;
    for (struct node *p = head; p; p = next) {
        next = p->next;
        free(p);
    }
}
