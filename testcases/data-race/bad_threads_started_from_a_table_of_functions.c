// The threads are started from a table of start functions: `deposit` and `withdraw` both run,
// and both update `balance` without a lock.
#include <pthread.h>

static long balance;

static void *deposit(void *arg)
{
    (void)arg;
    balance += 10; //~ ERROR data-race
    return NULL;
}

static void *withdraw(void *arg)
{
    (void)arg;
    balance -= 10;
    return NULL;
}

int main(void)
{
    void *(*workers[])(void *) = {deposit, withdraw};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, workers[i], NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)balance;
}
