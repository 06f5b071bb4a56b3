// A file-scope table of start functions that the program rewrites before the spawns: fearless
// cannot tell which functions it holds then, and claims nothing about the threads it starts.
#include <pthread.h>
#include <stddef.h>

static long balance;

static void *deposit(void *arg)
{
    (void)arg;
    balance += 10;
    return NULL;
}

static void *withdraw(void *arg)
{
    (void)arg;
    balance -= 10;
    return NULL;
}

static void *idle(void *arg)
{
    return arg;
}

static void *(*workers[])(void *) = {deposit, withdraw};

int main(int argc, char **argv)
{
    pthread_t t[2];
    (void)argv;
    if (argc > 1)
        workers[0] = workers[1] = idle;
    for (int i = 0; i < 2; i++)
        pthread_create(&t[i], NULL, workers[i], NULL);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    return (int)balance;
}
