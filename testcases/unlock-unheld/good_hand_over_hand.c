// Hand-over-hand: after `cur = next`, unlocking `cur` releases the node locked as `next`.
#include <pthread.h>

struct node {
    pthread_mutex_t mu;
    int value;
    struct node *next;
};

int list_sum(struct node *head)
{
    int sum = 0;
    struct node *cur = head;
    pthread_mutex_lock(&cur->mu);
    for (;;) {
        sum += cur->value;
        struct node *next = cur->next;
        if (!next)
            break;
        pthread_mutex_lock(&next->mu);
        pthread_mutex_unlock(&cur->mu);
        cur = next;
    }
    pthread_mutex_unlock(&cur->mu);
    return sum;
}
