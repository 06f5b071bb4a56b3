// fearless-flags: --suggest --checks=*,-suggest-excludes,-suggest-sync
/* A container field is used through its address, handed to the container's functions: each
   `&q->items` is an access (a write) with the locks held there. */
#include <pthread.h>
#include <stdlib.h>

struct list {
    struct list *prev, *next;
};

void list_push_back(struct list *l, struct list *node);
struct list *list_pop_front(struct list *l);

struct queue {
    pthread_mutex_t mu;
    struct list items; //~ NOTE suggest-guarded-by
};

struct queue *queue_new(void)
{
    return calloc(1, sizeof(struct queue));
}

void queue_put(struct queue *q, struct list *node)
{
    pthread_mutex_lock(&q->mu);
    list_push_back(&q->items, node);
    pthread_mutex_unlock(&q->mu);
}

struct list *queue_get(struct queue *q)
{
    pthread_mutex_lock(&q->mu);
    struct list *n = list_pop_front(&q->items);
    pthread_mutex_unlock(&q->mu);
    return n;
}
