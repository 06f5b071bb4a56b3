// The copy is pointed elsewhere before the original is freed, so it does not dangle.
#include <stdlib.h>

struct node {
    struct node *next;
    int key;
};

int drop_head(struct node **list)
{
    struct node *head = *list;
    struct node *cur = head;
    if (!head)
        return -1;
    cur = head->next;
    free(head);
    *list = cur;
    return cur ? cur->key : -1;
}
