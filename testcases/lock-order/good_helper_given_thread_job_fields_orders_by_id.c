// transfer() takes the two accounts' locks by account id, whatever order its caller gives
// them in: the two threads, given jobs that name the accounts in opposite orders, always lock
// checking before savings.
#include <pthread.h>
#include <stdio.h>

struct account {
    pthread_mutex_t lock;
    int id;
    long balance;
};

struct transfer_job {
    struct account *src;
    struct account *dst;
    int rounds;
};

static struct account checking = { PTHREAD_MUTEX_INITIALIZER, 1, 5000 };
static struct account savings = { PTHREAD_MUTEX_INITIALIZER, 2, 5000 };

static int transfer(struct account *from, struct account *to, long amount)
{
    int ok = 0;
    struct account *first = from->id < to->id ? from : to;
    struct account *second = from->id < to->id ? to : from;

    pthread_mutex_lock(&first->lock);
    pthread_mutex_lock(&second->lock);
    if (from->balance >= amount) {
        from->balance -= amount;
        to->balance += amount;
        ok = 1;
    }
    pthread_mutex_unlock(&second->lock);
    pthread_mutex_unlock(&first->lock);
    return ok;
}

static void *transfer_worker(void *arg)
{
    struct transfer_job *job = arg;
    long failed = 0;

    for (int i = 0; i < job->rounds; i++)
        if (!transfer(job->src, job->dst, 10))
            failed++;
    return (void *)failed;
}

int main(void)
{
    pthread_t t1, t2;
    struct transfer_job to_savings = { &checking, &savings, 1000 };
    struct transfer_job to_checking = { &savings, &checking, 1000 };

    pthread_create(&t1, NULL, transfer_worker, &to_savings);
    pthread_create(&t2, NULL, transfer_worker, &to_checking);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("checking=%ld savings=%ld\n", checking.balance, savings.balance);
    return 0;
}
