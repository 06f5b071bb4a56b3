// Two tellers, each given an element of `tellers` whose initializer names the accounts to move
// money between, call transfer(), which locks its first account then its second: the elements
// name them in opposite orders, so the two tellers can deadlock.
#include <pthread.h>
#include <stdio.h>

#define NTRANSFERS 100000

typedef struct {
    int id;
    long balance;
    pthread_mutex_t lock;
} account_t;

static account_t checking = { 1, 1000000, PTHREAD_MUTEX_INITIALIZER };
static account_t savings = { 2, 1000000, PTHREAD_MUTEX_INITIALIZER };

static int transfer(account_t *from, account_t *to, long amount)
{
    int ok = 0;

    pthread_mutex_lock(&from->lock);
    pthread_mutex_lock(&to->lock);
    if (from->balance >= amount) {
        from->balance -= amount;
        to->balance += amount;
        ok = 1;
    }
    pthread_mutex_unlock(&to->lock);
    pthread_mutex_unlock(&from->lock);
    return ok;
}

typedef struct {
    account_t *from, *to;
    long amount;
    unsigned long completed;
} teller_t;

static void *teller(void *arg)
{
    teller_t *t = arg;
    for (int i = 0; i < NTRANSFERS; i++)
        if (transfer(t->from, t->to, t->amount))
            t->completed++;
    return NULL;
}

int main(void)
{
    teller_t tellers[2] = {
        { &checking, &savings, 7, 0 },
        { &savings, &checking, 5, 0 }, //~ ERROR lock-order
    };
    pthread_t tids[2];

    for (int i = 0; i < 2; i++)
        if (pthread_create(&tids[i], NULL, teller, &tellers[i]) != 0)
            return 1;
    for (int i = 0; i < 2; i++)
        pthread_join(tids[i], NULL);
    printf("completed %lu + %lu transfers\n", tellers[0].completed,
           tellers[1].completed);
    printf("checking=%ld savings=%ld total=%ld\n", checking.balance,
           savings.balance, checking.balance + savings.balance);
    return 0;
}
