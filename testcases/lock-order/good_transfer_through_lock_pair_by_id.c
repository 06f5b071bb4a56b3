// As the transfer between main's two accounts that deadlocks, but `lock_pair` locks the account
// with the lower id first, swapping its parameters when they come the other way round: both
// threads take alice's lock before bob's.
#include <pthread.h>

struct account {
    pthread_mutex_t lock;
    int id;
    long balance;
};

static void lock_pair(struct account *first, struct account *second)
{
    if (first->id > second->id) {
        struct account *t = first;
        first = second;
        second = t;
    }
    pthread_mutex_lock(&first->lock);
    pthread_mutex_lock(&second->lock);
}

static void unlock_pair(struct account *first, struct account *second)
{
    pthread_mutex_unlock(&second->lock);
    pthread_mutex_unlock(&first->lock);
}

static void transfer(struct account *from, struct account *to, long amount)
{
    lock_pair(from, to);
    from->balance -= amount;
    to->balance += amount;
    unlock_pair(from, to);
}

struct job {
    struct account *from, *to;
    long amount;
};

static void *worker(void *arg)
{
    struct job *j = arg;
    for (int i = 0; i < 100; i++)
        transfer(j->from, j->to, j->amount);
    return NULL;
}

int main(void)
{
    struct account alice = {PTHREAD_MUTEX_INITIALIZER, 1, 1000};
    struct account bob = {PTHREAD_MUTEX_INITIALIZER, 2, 1000};
    struct job j1 = {&alice, &bob, 5};
    struct job j2 = {&bob, &alice, 7};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, worker, &j1);
    pthread_create(&t2, NULL, worker, &j2);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
