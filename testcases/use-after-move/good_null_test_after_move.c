// Testing whether a pointer was NULL after moving or freeing it reads nothing behind it: the
// "found and deleted" idiom.
#include <stdbool.h>
#include <stdlib.h>

#include "include/queue.h"

struct node {
    struct node *next;
    int key;
};

struct node *find(struct node *head, int key);

bool find_and_delete(struct node *head, int key)
{
    struct node *n = find(head, key);
    if (n)
        free(n);
    return n != NULL;
}

int push_if_any(struct queue *q, struct job *job)
{
    if (job)
        queue_push(q, job);
    if (!job)
        return -1;
    return job ? 0 : -1;
}
