// Two locks of one struct type, nested: ordered by id here; same-kind nesting is only
// mentioned under --verbose.
#include <pthread.h>

struct account {
    pthread_mutex_t lock;
    int id;
    long balance;
};

void transfer(struct account *from, struct account *to, long amount)
{
    struct account *first = from->id < to->id ? from : to;
    struct account *second = from->id < to->id ? to : from;
    pthread_mutex_lock(&first->lock);
    pthread_mutex_lock(&second->lock);
    from->balance -= amount;
    to->balance += amount;
    pthread_mutex_unlock(&second->lock);
    pthread_mutex_unlock(&first->lock);
}
