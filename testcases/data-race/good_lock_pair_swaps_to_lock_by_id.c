// A helper locks two accounts in the order of their ids, swapping its parameters first
// (`t = a; a = b; b = t;`): whichever order it took them in, it returns holding both of the
// caller's locks, so the transfer's updates under it are guarded.
#include <pthread.h>

struct account {
    pthread_mutex_t lock;
    int id;
    long balance;
};

static void lock_pair(struct account *a, struct account *b)
{
    if (a->id > b->id) {
        struct account *t = a;
        a = b;
        b = t;
    }
    pthread_mutex_lock(&a->lock);
    pthread_mutex_lock(&b->lock);
}

static void unlock_pair(struct account *a, struct account *b)
{
    pthread_mutex_unlock(&b->lock);
    pthread_mutex_unlock(&a->lock);
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
};

static void *worker(void *arg)
{
    struct job *j = arg;
    for (int i = 0; i < 100; i++)
        transfer(j->from, j->to, 5);
    return NULL;
}

int main(void)
{
    struct account alice = {PTHREAD_MUTEX_INITIALIZER, 1, 1000};
    struct account bob = {PTHREAD_MUTEX_INITIALIZER, 2, 1000};
    struct job j1 = {&alice, &bob}, j2 = {&bob, &alice};
    pthread_t t1, t2;
    pthread_create(&t1, NULL, worker, &j1);
    pthread_create(&t2, NULL, worker, &j2);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
