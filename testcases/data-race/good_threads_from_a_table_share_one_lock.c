// Both start functions of the table take `lock` around their update of `balance`.
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long balance;

static void *deposit(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    balance += 10;
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *withdraw(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    balance -= 10;
    pthread_mutex_unlock(&lock);
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
