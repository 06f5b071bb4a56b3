// Hand-over-hand locking down a list: the name `next` denotes a new node each iteration.
#include <pthread.h>
#include <stddef.h>

struct node {
    pthread_mutex_t mu;
    int key;
    struct node *next;
};

struct node *list_find(struct node *head, int key)
{
    struct node *cur = head;
    pthread_mutex_lock(&cur->mu);
    while (cur->next && cur->key != key) {
        struct node *next = cur->next;
        pthread_mutex_lock(&next->mu);
        pthread_mutex_unlock(&cur->mu);
        cur = next;
    }
    int found = cur->key == key;
    pthread_mutex_unlock(&cur->mu);
    return found ? cur : NULL;
}
