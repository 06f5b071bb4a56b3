// Two transfers in opposite directions reach each account once as `from` and once as `to`. Each
// holds only the destination's lock: the update of the source is under the lock of another
// object than the one it writes, so one thread's `from->balance` races with the other's
// `to->balance` on the same account.
#include <pthread.h>

struct account {
    pthread_mutex_t lock;
    int id;
    long balance;
};

static void transfer(struct account *from, struct account *to, long amount)
{
    pthread_mutex_lock(&to->lock);
    from->balance -= amount; //~ ERROR data-race //~ ERROR data-race
    to->balance += amount;
    pthread_mutex_unlock(&to->lock);
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
