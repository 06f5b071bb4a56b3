// The local pointer is moved to the next element before it is locked again: two mutexes.
#include <pthread.h>

struct node {
    pthread_mutex_t lock;
    struct node *next;
};

void hand_over(struct node *n)
{
    pthread_mutex_t *mu = &n->lock;
    pthread_mutex_lock(mu);
    if (n->next) {
        mu = &n->next->lock;
        pthread_mutex_lock(mu);
        pthread_mutex_unlock(&n->lock);
    }
    pthread_mutex_unlock(mu);
}
