// The table of start functions is a file-scope array: `deposit` and `withdraw` both run, and
// both update `balance` without a lock.
#include <pthread.h>
#include <stddef.h>

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

static void *(*const workers[])(void *) = {deposit, withdraw};

int main(void)
{
    pthread_t t[2];
    for (size_t i = 0; i < sizeof workers / sizeof workers[0]; i++)
        pthread_create(&t[i], NULL, workers[i], NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)balance;
}
