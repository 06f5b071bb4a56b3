// Reading a field of a node after freeing it: the classic list-unlink bug.
#include <stdlib.h>

struct node {
    struct node *next;
    int key;
};

int pop_front(struct node **head)
{
    struct node *n = *head;
    if (!n)
        return -1;
    free(n);
    *head = n->next; //~ ERROR use-after-move
    return 0;
}
