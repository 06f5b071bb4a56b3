// The accounts live on main's stack and each job names them in its own order. `transfer`
// passes its two accounts on to `lock_pair`, which locks the first then the second: the thread
// given {&alice, &bob} and the one given {&bob, &alice} can each hold one lock and wait for the
// other.
#include <pthread.h>

struct account {
    pthread_mutex_t lock;
    long balance;
};

static void lock_pair(struct account *first, struct account *second)
{
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
    struct account alice = {PTHREAD_MUTEX_INITIALIZER, 1000};
    struct account bob = {PTHREAD_MUTEX_INITIALIZER, 1000};
    struct job j1 = {&alice, &bob, 5};
    struct job j2 = {&bob, &alice, 7};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, worker, &j1);
    pthread_create(&t2, NULL, worker, &j2); //~ ERROR lock-order
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
